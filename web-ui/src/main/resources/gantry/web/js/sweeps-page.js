// The sweeps page: every sweep with its status, progress and best value, live; and the form that
// submits a sweep file.
import { api, badge, el, fmt, fmtTime, follow, safeUrl, throttle } from './common.js';
import { initSubmitForm } from './submit.js';

const body = document.querySelector('#sweeps tbody');

function progressCell(sweep) {
  const p = sweep.progress;
  const share = p.total ? Math.round((100 * p.done) / p.total) : 0;
  return el('td', {},
    el('span', { class: 'bar', title: share + '%' }, el('span', { style: 'width:' + share + '%' })),
    `${p.done}/${p.total} done · ${p.running} running · ${p.queued} queued · ${p.stopped} stopped`,
    p.failed + p.diverged ? ` · ${p.failed + p.diverged} failed/diverged` : '');
}

function bestCell(sweep) {
  if (!sweep.best) return el('td', { class: 'muted' }, '–');
  return el('td', {}, `${sweep.metric.name} ${fmt(sweep.best.value)} `, el('span', { class: 'muted' }, `(${sweep.best.trial}, ${sweep.metric.goal})`));
}

function row(sweep) {
  const page = 'sweep.html?id=' + encodeURIComponent(sweep.id);
  const mlflow = safeUrl(sweep.mlflow_url);
  return el('tr', { dataset: { sweep: sweep.id } },
    el('td', { class: 'wrap' }, el('a', { href: page }, sweep.id)),
    el('td', {}, sweep.model),
    el('td', {}, sweep.method),
    el('td', {}, badge(sweep.status), sweep.live === 'queued' ? el('span', { class: 'muted' }, ' waiting') : ''),
    progressCell(sweep),
    bestCell(sweep),
    el('td', {}, fmtTime(sweep.created_at)),
    el('td', {}, el('a', { href: page }, 'trials'), mlflow ? [' · ', el('a', { href: mlflow, target: '_blank', rel: 'noopener' }, 'MLflow')] : ''));
}

async function load() {
  const sweeps = await api('/api/sweeps');
  body.replaceChildren(...sweeps.map(row));
  document.getElementById('no-sweeps').hidden = sweeps.length > 0;
}

const reload = throttle(() => load().catch(console.error), 500);
follow(null, {
  ready: reload, trial_added: reload, trial_started: reload, trial_ended: reload,
  trial_requeued: reload, sweep_ended: reload, metrics_reported: reload,
});
initSubmitForm(reload);
load().catch(console.error);
