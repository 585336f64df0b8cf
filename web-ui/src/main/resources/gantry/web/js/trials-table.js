// The trials table: ranked by the sweep's metric, sortable by any column, filtered by status and
// by parameters (key=value, key!=value, key<number, key>number, or any text), with a checkbox per
// trial that selects it for the curves and the samples.
import { badge, el, fmt, fmtTime, safeUrl } from './common.js';

export const STATUSES = ['queued', 'running', 'completed', 'stopped', 'failed', 'diverged'];

/** The parameters whose values differ between trials, in the sweep's order. */
export function varyingParams(sweep) {
  return sweep.param_names.filter((name) => new Set(sweep.trials.map((t) => JSON.stringify(t.params[name]))).size > 1);
}

/** Trial ids with a value of the metric, best first. */
export function ranking(sweep) {
  const sign = sweep.metric.goal === 'maximize' ? -1 : 1;
  return sweep.trials.filter((t) => t.objective !== null).sort((a, b) => sign * (a.objective - b.objective) || a.seq - b.seq).map((t) => t.id);
}

function matches(trial, term) {
  const m = term.match(/^([^=!<>]+)(!=|=|<|>)(.*)$/);
  if (!m) return Object.entries(trial.params).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(term.toLowerCase()));
  const [, key, op, wanted] = m;
  const value = trial.params[key];
  if (value === undefined) return false;
  if (op === '<' || op === '>') return op === '<' ? Number(value) < Number(wanted) : Number(value) > Number(wanted);
  const equal = String(value) === wanted || (wanted.trim() !== '' && Number(value) === Number(wanted));
  return op === '=' ? equal : !equal;
}

function sortValue(trial, key, ranks) {
  if (key === 'rank') return ranks.has(trial.id) ? ranks.get(trial.id) : Infinity;
  if (key === 'trial') return trial.seq;
  if (key === 'status') return STATUSES.indexOf(trial.status);
  if (key === 'step') return trial.last_step;
  if (key === 'started') return trial.started_at || '';
  if (key === 'objective') return trial.objective === null ? null : trial.objective;
  return trial.params[key.slice('param:'.length)];
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** The trials the filters let through, in the table's order. */
export function visibleTrials(state) {
  const ranks = new Map(ranking(state.sweep).map((id, i) => [id, i + 1]));
  const terms = state.filter.params.trim().split(/\s+/).filter(Boolean);
  const shown = state.sweep.trials.filter((t) => (!state.filter.status || t.status === state.filter.status) && terms.every((term) => matches(t, term)));
  const { key, dir } = state.sort;
  const sign = dir === 'desc' ? -1 : 1;
  return shown.sort((a, b) => {
    const va = sortValue(a, key, ranks);
    const vb = sortValue(b, key, ranks);
    // trials without a value stay last either way
    if (va === null || va === undefined || vb === null || vb === undefined) return compare(va, vb) || a.seq - b.seq;
    return sign * compare(va, vb) || a.seq - b.seq;
  });
}

function header(state, onSort, varying) {
  const goal = state.sweep.metric.goal === 'maximize' ? '↑' : '↓';
  const columns = [['', null], ['#', 'rank'], ['trial', 'trial'], ['status', 'status'], ...varying.map((p) => [p, 'param:' + p]),
    [`${state.sweep.metric.name} ${goal}`, 'objective'], ['step', 'step'], ['started', 'started'], ['', null]];
  return el('tr', {}, columns.map(([label, key]) => {
    if (!key) return el('th', {}, label);
    const sorted = state.sort.key === key ? ' sorted-' + state.sort.dir : '';
    const th = el('th', { class: 'sortable' + sorted, dataset: { sort: key }, title: 'sort' }, label);
    th.addEventListener('click', () => onSort(key));
    return th;
  }));
}

function actions(state, trial, handlers) {
  const cell = el('td', {});
  const controllable = state.sweep.live === 'running' && (trial.status === 'running' || trial.status === 'queued');
  if (controllable) {
    const stopping = state.stopping.has(trial.id);
    const button = el('button', { type: 'button', class: 'danger stop', disabled: stopping, dataset: { trial: trial.id } }, stopping ? 'stopping…' : 'stop');
    button.addEventListener('click', () => handlers.onStop(trial.id));
    cell.append(button);
  }
  const mlflow = safeUrl(trial.mlflow_url);
  if (mlflow) cell.append(' ', el('a', { href: mlflow, target: '_blank', rel: 'noopener' }, 'MLflow'));
  return cell;
}

function statusCell(trial) {
  const detail = trial.message ? el('span', { class: 'muted' }, ' ' + trial.message) : '';
  const early = trial.status === 'stopped' && trial.stop_rung !== null ? el('span', { class: 'muted' }, ` early, at ${trial.stop_rung}`) : '';
  return el('td', { class: 'wrap' }, badge(trial.status), early, detail);
}

/** Renders the table; handlers: onToggle(id), onSort(key), onStop(id). */
export function renderTrials(state, handlers) {
  const table = document.getElementById('trials');
  const varying = varyingParams(state.sweep);
  const ranks = new Map(ranking(state.sweep).map((id, i) => [id, i + 1]));
  const trials = visibleTrials(state);
  table.tHead.replaceChildren(header(state, handlers.onSort, varying));
  table.tBodies[0].replaceChildren(...trials.map((t) => {
    const box = el('input', { type: 'checkbox', checked: state.selected.has(t.id), title: 'select for curves and samples' });
    box.addEventListener('change', () => handlers.onToggle(t.id));
    return el('tr', { class: state.selected.has(t.id) ? 'selected' : '', dataset: { trial: t.id, status: t.status } },
      el('td', {}, box), el('td', { class: 'num' }, ranks.get(t.id) || '–'), el('td', {}, t.id), statusCell(t),
      varying.map((p) => el('td', { class: 'wrap' }, fmt(t.params[p]))),
      el('td', { class: 'num' }, fmt(t.objective)), el('td', { class: 'num' }, t.last_step), el('td', {}, fmtTime(t.started_at)),
      actions(state, t, handlers));
  }));
  const fixed = state.sweep.param_names.filter((p) => !varying.includes(p) && state.sweep.trials.length);
  document.getElementById('fixed-params').textContent = fixed.length
    ? 'same in every trial: ' + fixed.map((p) => `${p}=${fmt(state.sweep.trials[0].params[p])}`).join(', ') : '';
  document.getElementById('trial-count').textContent = `${trials.length} of ${state.sweep.trials.length} trials shown, ${state.selected.size} selected`;
}
