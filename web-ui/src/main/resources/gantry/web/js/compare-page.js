// The compare page: trials of any sweeps side by side, named SWEEP/TRIAL. Its address says which
// (compare-address.js); adding a trial with the picker (a sweep, then one of its trials) or
// leaving one out makes a new address, so the browser's back button undoes it. It shows the
// trials as they were when read: reload it for news of trials still running.
import { api, el, fmt } from './common.js';
import { compareUrl, comparedEntries } from './compare-address.js';
import { renderCurves, renderParams, renderSamples, resizeCurves } from './compare-views.js';
import { ranking } from './trials-table.js';

const $ = (name) => document.getElementById(name);
const sweeps = new Map(); // a sweep as an address names it (id or name) → the promise of its JSON
const histories = new Map(); // SWEEP/TRIAL → the promise of its metric histories, read once
const curves = new Map(); // 'SWEEP/TRIAL\nMETRIC' → its columns, as charts.js reads them
let resolved = [];
let compared = [];

function sweepOf(name) {
  if (!sweeps.has(name)) sweeps.set(name, api('/api/sweeps/' + encodeURIComponent(name)));
  return sweeps.get(name);
}

/** An entry of the address as the trial it names, or with the problem that keeps it off the page. */
async function resolve(entry) {
  if (entry.problem) return { entry, problem: `${entry.text}: ${entry.problem}` };
  try {
    const sweep = await sweepOf(entry.sweep);
    const trial = sweep.trials.find((t) => t.id === entry.trial);
    if (!trial) return { entry, problem: `${entry.text}: no trial '${entry.trial}' in sweep '${sweep.id}'` };
    return { entry, label: sweep.id + '/' + trial.id, sweep, trial };
  } catch (err) {
    return { entry, problem: `${entry.text}: ${err.message}` };
  }
}

function loadHistories(c) {
  if (!histories.has(c.label)) {
    const path = `/api/sweeps/${encodeURIComponent(c.sweep.id)}/trials/${encodeURIComponent(c.trial.id)}/metrics`;
    histories.set(c.label, api(path).then((answer) => {
      for (const [metric, columns] of Object.entries(answer.metrics)) curves.set(c.label + '\n' + metric, columns);
    }));
  }
  return histories.get(c.label);
}

/** Shows the trials of these entries, at an address of their own. */
function show(entries) {
  history.pushState(null, '', compareUrl(entries));
  load().catch(console.error);
}

function leaveOut(label) {
  show(compared.filter((c) => c.label !== label).map((c) => c.entry));
}

function renderMessage() {
  const problems = resolved.filter((r) => r.problem).map((r) => r.problem);
  $('compare-message').textContent = problems.length ? 'Left out: ' + problems.join('; ') : '';
  $('compare-count').textContent = compared.length
    ? `${compared.length} trial(s) of ${new Set(compared.map((c) => c.sweep.id)).size} sweep(s)`
    : 'no trials yet: add some below, or select trials on a sweep\'s page and press "compare selected"';
}

function renderCharts() {
  const log = $('curve-log').checked;
  renderCurves(compared, curves, $('curve-x').value, log);
  $('curve-note').textContent = log ? 'values ≤ 0 are left out on a log scale' : '';
}

function render() {
  document.title = 'Gantry · compare ' + compared.map((c) => c.label).join(', ');
  renderMessage();
  renderParams(compared, $('only-differences').checked, leaveOut);
  renderCharts();
  renderSamples(compared);
  fillTrialPicker().catch(console.error);
}

async function load() {
  document.body.dataset.ready = 'false';
  resolved = await Promise.all(comparedEntries(location.search).map(resolve));
  const unique = new Map();
  for (const r of resolved) if (r.label && !unique.has(r.label)) unique.set(r.label, r);
  compared = [...unique.values()];
  await Promise.all(compared.map(loadHistories));
  render();
  document.body.dataset.ready = 'true';
}

async function fillSweepPicker() {
  const list = await api('/api/sweeps');
  $('pick-sweep').append(...list.map((s) => el('option', { value: s.id }, `${s.id} · ${s.model}`)));
}

/** The chosen sweep's trials, best first, those already compared disabled. */
async function fillTrialPicker() {
  const name = $('pick-sweep').value;
  const menu = $('pick-trial');
  menu.hidden = !name;
  if (!name) {
    menu.replaceChildren();
    $('pick-add').disabled = true;
    return;
  }
  const sweep = await sweepOf(name);
  const ranked = ranking(sweep);
  const order = [...ranked, ...sweep.trials.map((t) => t.id).filter((id) => !ranked.includes(id))];
  const shown = new Set(compared.map((c) => c.label));
  menu.replaceChildren(...order.map((id) => {
    const t = sweep.trials.find((trial) => trial.id === id);
    const label = `${t.id} · ${t.status} · ${sweep.metric.name} ${fmt(t.objective)}`;
    return el('option', { value: t.id, disabled: shown.has(sweep.id + '/' + t.id) }, label);
  }));
  const first = [...menu.options].find((o) => !o.disabled);
  if (first) first.selected = true;
  $('pick-add').disabled = !first;
}

$('pick-sweep').addEventListener('change', () => fillTrialPicker().catch(console.error));
$('pick-add').addEventListener('click', () => {
  show([...compared.map((c) => c.entry), { sweep: $('pick-sweep').value, trial: $('pick-trial').value }]);
});
$('only-differences').addEventListener('change', () => renderParams(compared, $('only-differences').checked, leaveOut));
$('curve-x').addEventListener('change', renderCharts);
$('curve-log').addEventListener('change', renderCharts);
window.addEventListener('resize', resizeCurves);
window.addEventListener('popstate', () => load().catch(console.error));

fillSweepPicker().catch(console.error);
load().catch(console.error);
