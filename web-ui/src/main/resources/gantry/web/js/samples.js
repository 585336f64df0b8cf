// Sample grids of the selected trials side by side, for one epoch: the latest unless chosen; and
// the figure of one grid, which the compare page shows too.
import { el, fmt } from './common.js';

/** The epochs at which any of the trials saved a sample grid, ascending. */
export function sampleEpochs(trialIds, artifacts) {
  const epochs = new Set();
  for (const id of trialIds) {
    for (const a of artifacts.get(id) || []) if (a.kind === 'samples' && a.url) epochs.add(a.epoch);
  }
  return [...epochs].sort((a, b) => a - b);
}

/** Fills the epoch menu and the figures, of chosenEpoch when there are grids of it. */
export function renderSamples(trials, artifacts, varying, chosenEpoch) {
  const menu = document.getElementById('sample-epoch');
  const box = document.getElementById('samples');
  const epochs = sampleEpochs(trials.map((t) => t.id), artifacts);
  // unless one was chosen, the latest epoch that every selected trial has reached, so that the
  // grids compare like with like while trials still run
  const shared = epochs.filter((e) => trials.every((t) => sampleEpochs([t.id], artifacts).includes(e)));
  const fallback = shared.length ? shared[shared.length - 1] : epochs[epochs.length - 1];
  const epoch = epochs.includes(chosenEpoch) ? chosenEpoch : epochs.length ? fallback : null;
  menu.replaceChildren(...epochs.map((e) => el('option', { value: e, selected: e === epoch }, String(e))));
  if (epoch === null) {
    box.replaceChildren(el('p', { class: 'muted' }, trials.length ? 'No sample grids yet.' : 'Select trials in the table to compare their samples.'));
    delete box.dataset.key;
    return;
  }
  const grids = trials.map((t) => (artifacts.get(t.id) || []).find((a) => a.kind === 'samples' && a.epoch === epoch && a.url));
  // live updates redraw often: the pictures are replaced only when they change, so they never flicker
  const key = JSON.stringify([epoch, trials.map((t) => [t.id, t.status]), grids.map((g) => g && g.url)]);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...trials.map((t, i) => {
    const params = varying.map((p) => `${p}=${fmt(t.params[p])}`).join(', ');
    return sampleFigure(t.id, grids[i], `no sample grid at epoch ${epoch} (${t.status})`, ` · ${t.status}`, params ? ' · ' + params : '');
  }));
}

/** One trial's sample grid ({url, epoch}) with a caption that starts with its name, or what to say in its place. */
export function sampleFigure(name, grid, missing, ...caption) {
  const picture = grid
    ? el('img', { src: grid.url, alt: `samples of ${name} at epoch ${grid.epoch}`, loading: 'eager', dataset: { trial: name } })
    : el('p', { class: 'muted' }, missing);
  return el('figure', {}, picture, el('figcaption', {}, el('b', {}, name), ...caption));
}
