// The trials table: ranked by the sweep's metric, sortable by any column, filtered by status and
// by parameters (key=value, key!=value, key<number, key>number, or any text), with a checkbox per
// trial that selects it for the curves and the samples, and a thumbnail of its latest sample grid.
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
  if (key === 'fooled') return foolingRate(trial);
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
  const columns = [['', null], ['#', 'rank'], ['trial', 'trial'], ['samples', null], ['status', 'status'], ...varying.map((p) => [p, 'param:' + p]),
    [`${state.sweep.metric.name} ${goal}`, 'objective'], ['fooled (answers)', 'fooled'], ['step', 'step'], ['started', 'started'], ['', null]];
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
  if (trial.status !== 'queued') {
    const quiz = `quiz.html?sweep=${encodeURIComponent(state.sweep.id)}&trial=${encodeURIComponent(trial.id)}`;
    cell.append(' ', el('a', { href: quiz, class: 'quiz', title: 'which one is real? people judge its images' }, 'quiz'));
  }
  const mlflow = safeUrl(trial.mlflow_url);
  if (mlflow) cell.append(' ', el('a', { href: mlflow, target: '_blank', rel: 'noopener' }, 'MLflow'));
  return cell;
}

/** The share of people's answers on its quiz page that took the trial's image for the real one. */
function foolingRate(trial) {
  const rate = trial.metrics['human/fooling_rate'];
  return rate === undefined ? null : rate;
}

function foolingCell(trial) {
  const rate = foolingRate(trial);
  return el('td', { class: 'num fooled' }, rate === null ? '–' : `${fmt(100 * rate)} % (${trial.metrics['human/answers']})`);
}

/** The trial's latest sample grid, small, loaded only when scrolled into view; a click opens it whole. */
function thumbnailCell(trial) {
  const grid = trial.latest_samples;
  if (!grid) return el('td', { class: 'thumb' });
  // loading comes before src, so that the browser knows the picture is lazy before it fetches it
  const picture = el('img', { loading: 'lazy', src: grid.url, alt: `latest samples of ${trial.id}`, width: 36, height: 36 });
  return el('td', { class: 'thumb' }, el('a', { href: grid.url, target: '_blank', rel: 'noopener', title: `samples at epoch ${grid.epoch}: open the full picture` }, picture));
}

function statusCell(trial) {
  const detail = trial.message ? el('span', { class: 'muted' }, ' ' + trial.message) : '';
  const early = trial.status === 'stopped' && trial.stop_rung !== null ? el('span', { class: 'muted' }, ` early, at ${trial.stop_rung}`) : '';
  return el('td', { class: 'wrap' }, badge(trial.status), early, detail);
}

/**
 * The trial's value of the sweep's metric, with its standard error where the worker measured one,
 * and a mark on a trial whose value the best trial's cannot be told apart from.
 */
function objectiveCell(t, rank) {
  const cell = el('td', { class: 'num' }, fmt(t.objective));
  if (t.objective_noise !== null && t.objective_noise !== undefined) cell.append(el('span', { class: 'muted' }, ' ± ' + fmt(t.objective_noise)));
  if (t.within_noise_of_best && rank !== 1) {
    cell.append(el('span', { class: 'within-noise', title: 'within noise of the best trial: the difference is under two standard errors' }, ' ≈'));
    cell.dataset.withinNoise = 'true';
  }
  return cell;
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
      el('td', {}, box), el('td', { class: 'num' }, ranks.get(t.id) || '–'), el('td', {}, t.id), thumbnailCell(t), statusCell(t),
      varying.map((p) => el('td', { class: 'wrap' }, fmt(t.params[p]))),
      objectiveCell(t, ranks.get(t.id)), foolingCell(t), el('td', { class: 'num' }, t.last_step), el('td', {}, fmtTime(t.started_at)),
      actions(state, t, handlers));
  }));
  const fixed = state.sweep.param_names.filter((p) => !varying.includes(p) && state.sweep.trials.length);
  document.getElementById('fixed-params').textContent = fixed.length
    ? 'same in every trial: ' + fixed.map((p) => `${p}=${fmt(state.sweep.trials[0].params[p])}`).join(', ') : '';
  document.getElementById('trial-count').textContent = `${trials.length} of ${state.sweep.trials.length} trials shown, ${state.selected.size} selected`;
}
