// The sweep page: what moved the metric, the trials table, metric curves and parallel
// coordinates, the Pareto front of a sweep of several metrics, the lineage of a population-based
// training sweep, the devices of the selected trials, sample grids; live
// through the event stream; cancel the sweep, stop a trial; compare the selected trials.
import { api, badge, el, fmt, fmtTime, safeUrl, throttle } from './common.js';
import { curveOption, lineageOption, paretoOption, parallelOption, points } from './charts.js';
import { compareUrl } from './compare-address.js';
import { renderDevices } from './devices.js';
import { renderExploits } from './lineage.js';
import { renderSamples } from './samples.js';
import { keepLive } from './sweep-live.js';
import { STATUSES, ranking, renderTrials, varyingParams } from './trials-table.js';

const DEFAULT_SELECTION = 5;
const query = new URLSearchParams(location.search);
const id = query.get('id');
// a link to one trial (each MLflow run carries one) opens the page on that trial, alone selected
const linkedTrial = query.get('trial');
const state = {
  sweep: null, selected: new Set(linkedTrial ? [linkedTrial] : []), userSelected: linkedTrial !== null, stopping: new Set(),
  sort: { key: 'rank', dir: 'asc' }, filter: { status: '', params: '' },
  curves: new Map(), artifacts: new Map(), epoch: null,
};
const $ = (name) => document.getElementById(name);
const curves = echarts.init($('curves'));
const parallel = echarts.init($('parallel'));
const pareto = echarts.init($('pareto'));
const lineage = echarts.init($('lineage'));
window.addEventListener('resize', () => { curves.resize(); parallel.resize(); pareto.resize(); lineage.resize(); });

function selectedTrials() {
  return state.sweep.trials.filter((t) => state.selected.has(t.id));
}

function defaultSelection() {
  const ranked = ranking(state.sweep);
  const ids = ranked.length ? ranked : state.sweep.trials.filter((t) => t.status !== 'queued').map((t) => t.id);
  state.selected = new Set(ids.slice(0, DEFAULT_SELECTION));
}

function renderSummary() {
  const s = state.sweep;
  document.title = 'Gantry · ' + s.id;
  $('sweep-name').textContent = s.id;
  $('sweep-status').replaceWith(Object.assign(badge(s.status), { id: 'sweep-status' }));
  const p = s.progress;
  $('sweep-facts').replaceChildren(
    el('span', {}, 'name ', el('b', {}, s.name)), el('span', {}, 'model ', el('b', {}, s.model)), el('span', {}, 'method ', el('b', {}, s.method)),
    el('span', {}, s.metrics.length > 1 ? 'metrics ' : 'metric ', el('b', {}, s.metrics.map((m) => `${m.name} (${m.goal})`).join(', '))),
    el('span', {}, 'best ', el('b', {}, s.best ? `${fmt(s.best.value)} (${s.best.trial})` : '–')),
    el('span', {}, `${p.done}/${p.total} done · ${p.running} running · ${p.queued} queued · ${p.stopped} stopped · ${p.failed + p.diverged} failed/diverged`),
    el('span', {}, 'started ', el('b', {}, fmtTime(s.created_at))), s.finished_at ? el('span', {}, 'ended ', el('b', {}, fmtTime(s.finished_at))) : '');
  $('cancel').hidden = !(s.live && s.status === 'running');
  $('sweep-waiting').hidden = s.live !== 'queued';
  $('sweep-quiz').href = 'quiz.html?sweep=' + encodeURIComponent(s.id);
  const mlflow = safeUrl(s.mlflow_url);
  $('sweep-mlflow').hidden = !mlflow;
  if (mlflow) $('sweep-mlflow').href = mlflow;
  renderImportance();
  const metrics = s.metric_names.length ? s.metric_names : [s.metric.name];
  const menu = $('curve-metric');
  if (menu.dataset.metrics !== metrics.join('\n')) {
    // rebuilt only when it changes, so that a live update never closes it under the pointer
    const chosen = menu.value || s.metric.name;
    menu.replaceChildren(...metrics.map((m) => el('option', { value: m, selected: m === chosen }, m)));
    menu.dataset.metrics = metrics.join('\n');
  }
}

/** Each parameter's share of what they explain of the metric's variance, as bars; hidden until the server has shares. */
function renderImportance() {
  const shares = Object.entries(state.sweep.importance || {});
  const box = $('sweep-importance');
  box.hidden = shares.length === 0;
  box.replaceChildren(
    el('span', { class: 'heading' },
      `what moved ${state.sweep.metric.name}: the parameters explain ${(100 * state.sweep.importance_explained).toFixed(0)}% of its variance over completed trials, each alone, in these shares`),
    ...shares.flatMap(([name, share]) => [
      el('span', {}, name),
      el('div', { class: 'share', style: `width: ${(100 * share).toFixed(1)}%`, title: `${name}: ${(100 * share).toFixed(1)}%` }),
      el('span', { class: 'muted' }, `${(100 * share).toFixed(1)}%`),
    ]));
}

function renderTable() {
  renderTrials(state, { onToggle: toggle, onSort: sortBy, onStop: stopTrial });
  $('compare-selected').disabled = state.selected.size === 0;
}

function renderParallel() {
  const varying = varyingParams(state.sweep);
  parallel.setOption(parallelOption(state.sweep, varying.length ? varying : state.sweep.param_names, state.selected), true);
}

/** The front of the first two metrics, for a sweep of several; the panel stays hidden for one. */
function renderPareto() {
  const s = state.sweep;
  const several = s.metrics.length >= 2;
  $('pareto-panel').hidden = !several;
  if (!several) return;
  pareto.resize();
  pareto.setOption(paretoOption(s, state.selected), true);
  const others = s.metrics.length > 2 ? `; the front counts ${s.metrics.slice(2).map((m) => m.name).join(', ')} too` : '';
  const bounds = s.constraints.length ? `; feasible: ${s.constraints.map(constraintText).join(', ')}` : '';
  $('pareto-note').textContent = `${s.pareto_front.length} completed trials on the front${others}${bounds}`;
}

function constraintText(c) {
  return (c.min !== null ? `${fmt(c.min)} ≤ ` : '') + c.metric + (c.max !== null ? ` ≤ ${fmt(c.max)}` : '');
}

/** The population's members and exploits, for a population-based training sweep; the panel stays hidden for others. */
function renderLineage() {
  const s = state.sweep;
  $('lineage-panel').hidden = s.lineage.length === 0;
  if (!s.lineage.length) return;
  // the chart was sized while hidden, at nothing
  lineage.resize();
  lineage.setOption(lineageOption(s, state.selected), true);
  renderExploits($('exploits'), s.lineage);
}

function renderCurves() {
  const [metric, x, log] = [$('curve-metric').value, $('curve-x').value, $('curve-log').checked];
  curves.setOption(curveOption(selectedTrials(), state.curves, metric, x, log), true);
  const hidden = log && selectedTrials().some((t) => points(state.curves.get(t.id + '\n' + metric), x).some((p) => p[1] !== null && p[1] <= 0));
  $('curve-note').textContent = hidden ? 'values ≤ 0 are left out on a log scale' : '';
}

function renderDeviceTable() {
  renderDevices($('devices'), $('device-table'), selectedTrials());
}

function renderImages() {
  renderSamples(selectedTrials(), state.artifacts, varyingParams(state.sweep), state.epoch);
}

function renderAll() {
  renderSummary();
  renderTable();
  renderParallel();
  renderPareto();
  renderLineage();
  renderCurves();
  renderDeviceTable();
  renderImages();
}

/** Fetches what the selected trials lack: the chosen metric's history and the artifact lists. */
async function loadSelected() {
  const metric = $('curve-metric').value;
  const trials = selectedTrials();
  await Promise.all(trials.flatMap((t) => [
    state.curves.has(t.id + '\n' + metric) ? null : api(`/api/sweeps/${encodeURIComponent(id)}/trials/${encodeURIComponent(t.id)}/metrics?name=${encodeURIComponent(metric)}`)
      .then((answer) => state.curves.set(t.id + '\n' + metric, answer.metrics[metric] || { step: [], epoch: [], value: [] })),
    state.artifacts.has(t.id) ? null : api(`/api/sweeps/${encodeURIComponent(id)}/trials/${encodeURIComponent(t.id)}/artifacts`)
      .then((answer) => state.artifacts.set(t.id, answer.artifacts)),
  ].filter(Boolean)));
  renderCurves();
  renderImages();
}

/** Forgets what was fetched for trials that run or changed since, so that it is fetched again. */
function forgetChanged(before, after) {
  const was = new Map((before ? before.trials : []).map((t) => [t.id, t.status]));
  for (const t of after.trials) {
    if (t.status !== 'running' && was.get(t.id) === t.status) continue;
    state.artifacts.delete(t.id);
    if (was.get(t.id) !== t.status) for (const key of [...state.curves.keys()]) if (key.startsWith(t.id + '\n')) state.curves.delete(key);
  }
}

async function loadSweep() {
  try {
    const sweep = await api('/api/sweeps/' + encodeURIComponent(id));
    forgetChanged(state.sweep, sweep);
    state.sweep = sweep;
  } catch (err) {
    $('sweep-name').textContent = id || '(no sweep id)';
    $('sweep-message').textContent = err.message;
    throw err;
  }
  if (!state.userSelected) defaultSelection();
  for (const trialId of state.stopping) {
    const trial = state.sweep.trials.find((t) => t.id === trialId);
    if (!trial || trial.status !== 'running') state.stopping.delete(trialId);
  }
  const first = !document.querySelector('#trials tr[data-trial]');
  renderAll();
  if (first && linkedTrial) {
    document.querySelector(`#trials tr[data-trial="${CSS.escape(linkedTrial)}"]`)?.scrollIntoView({ block: 'center' });
  }
  await loadSelected();
}

function toggle(trialId) {
  state.userSelected = true;
  if (state.selected.has(trialId)) state.selected.delete(trialId);
  else state.selected.add(trialId);
  refreshSelection();
}

function refreshSelection() {
  renderTable();
  renderParallel();
  renderPareto();
  renderLineage();
  renderCurves();
  renderDeviceTable();
  renderImages();
  loadSelected().catch(console.error);
}

function sortBy(key) {
  state.sort = { key, dir: state.sort.key === key && state.sort.dir === 'asc' ? 'desc' : 'asc' };
  renderTable();
}

async function stopTrial(trialId) {
  state.stopping.add(trialId);
  renderTable();
  try {
    await api(`/api/sweeps/${encodeURIComponent(id)}/trials/${encodeURIComponent(trialId)}/stop`, { method: 'POST' });
  } catch (err) {
    state.stopping.delete(trialId);
    $('sweep-message').textContent = `cannot stop ${trialId}: ${err.message}`;
    renderTable();
  }
}

let cancelArmed = false;
$('cancel').addEventListener('click', async () => {
  // a second click confirms, without a dialog that would block the page
  if (!cancelArmed) {
    cancelArmed = true;
    $('cancel').textContent = 'Really cancel? Click again';
    setTimeout(() => { cancelArmed = false; $('cancel').textContent = 'Cancel sweep'; }, 4000);
    return;
  }
  $('cancel').disabled = true;
  try {
    await api(`/api/sweeps/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
    $('sweep-message').textContent = 'cancelling: queued trials will not start, running ones are stopping';
  } catch (err) {
    $('sweep-message').textContent = 'cannot cancel: ' + err.message;
    $('cancel').disabled = false;
  }
});

$('status-filter').append(...STATUSES.map((s) => el('option', { value: s }, s)));
$('status-filter').addEventListener('change', (e) => { state.filter.status = e.target.value; renderTable(); });
$('param-filter').addEventListener('input', (e) => { state.filter.params = e.target.value; renderTable(); });
$('select-best').addEventListener('click', () => { state.userSelected = true; defaultSelection(); refreshSelection(); });
$('select-none').addEventListener('click', () => { state.userSelected = true; state.selected.clear(); refreshSelection(); });
$('compare-selected').addEventListener('click', () => {
  location.href = compareUrl([...state.selected].map((trial) => ({ sweep: state.sweep.id, trial })));
});
$('curve-metric').addEventListener('change', () => { renderCurves(); loadSelected().catch(console.error); });
$('curve-x').addEventListener('change', renderCurves);
$('curve-log').addEventListener('change', renderCurves);
$('sample-epoch').addEventListener('change', (e) => { state.epoch = Number(e.target.value); renderImages(); });
parallel.on('click', (item) => { if (item.name) toggle(item.name); });
pareto.on('click', (item) => { if (item.name) toggle(item.name); });
lineage.on('click', (item) => { if (item.seriesId === 'members') toggle(item.name); });

keepLive(id, state, {
  reload: throttle(() => loadSweep().catch(console.error), 400),
  // a member's band grows with its last step
  redraw: throttle(() => { renderSummary(); renderTable(); renderParallel(); renderLineage(); renderCurves(); renderDeviceTable(); }, 700),
  renderImages,
});

loadSweep()
  .then(() => {
    window.gantryReadyMs = performance.now();
    document.body.dataset.ready = 'true';
  })
  .catch(console.error);
