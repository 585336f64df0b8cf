// What the compare page draws of trials from any sweeps, each {label: 'SWEEP/TRIAL', sweep, trial}:
// their settings side by side with the rows where they differ highlighted, the latest value of
// every metric, one chart of curves per metric, and each trial's latest sample grid.
import { badge, el, fmt } from './common.js';
import { curveOption } from './charts.js';
import { sampleFigure } from './samples.js';

let charts = [];

/** What each trial was run with: a row name and how to read its value from a compared trial. */
function settingRows(compared) {
  const params = [...new Set(compared.flatMap((c) => c.sweep.param_names))];
  return [
    ['model', (c) => c.sweep.model],
    ['sweep metric', (c) => `${c.sweep.metric.name} (${c.sweep.metric.goal})`],
    ['seed', (c) => c.trial.seed],
    ...params.map((name) => [name, (c) => c.trial.params[name]]),
  ];
}

function metricNames(compared) {
  return [...new Set(compared.flatMap((c) => c.sweep.metric_names))].sort();
}

function differs(values) {
  return new Set(values.map((v) => JSON.stringify(v === undefined ? null : v))).size > 1;
}

function header(compared, onRemove) {
  return el('tr', {}, el('th', {}, ''), compared.map((c) => {
    const remove = el('button', { type: 'button', class: 'remove', title: 'leave it out of the comparison', dataset: { label: c.label } }, '×');
    remove.addEventListener('click', () => onRemove(c.label));
    return el('th', { dataset: { label: c.label } }, el('a', { href: 'sweep.html?id=' + encodeURIComponent(c.sweep.id) }, c.label), ' ', badge(c.trial.status), ' ', remove);
  }));
}

/** Fills the table; onlyDifferences hides the settings that are the same in every trial. */
export function renderParams(compared, onlyDifferences, onRemove) {
  const table = document.getElementById('compare-params');
  table.tHead.replaceChildren(header(compared, onRemove));
  const settings = settingRows(compared).map(([name, read]) => {
    const values = compared.map(read);
    const different = differs(values);
    return el('tr', { class: different ? 'differs' : '', hidden: onlyDifferences && !different, dataset: { param: name } },
      el('th', {}, name), values.map((v) => el('td', { class: different ? 'wrap differs' : 'wrap' }, fmt(v))));
  });
  const metrics = metricNames(compared).map((name) => el('tr', { dataset: { metric: name } },
    el('th', {}, name), compared.map((c) => el('td', {}, fmt(c.trial.metrics[name])))));
  const group = el('tr', { class: 'group' }, el('th', { colspan: compared.length + 1 }, 'latest value of each metric'));
  table.tBodies[0].replaceChildren(...settings, ...(metrics.length ? [group, ...metrics] : []));
}

/** One chart per metric any of the trials has, one line per trial; curves maps 'LABEL\nMETRIC' to its columns. */
export function renderCurves(compared, curves, x, log) {
  charts.forEach((chart) => chart.dispose());
  const trials = compared.map((c) => Object.assign({}, c.trial, { id: c.label }));
  const panels = metricNames(compared).map((metric) => {
    const box = el('div', { class: 'chart', dataset: { metric } });
    return { metric, box, panel: el('div', { class: 'panel' }, el('h2', {}, metric), box) };
  });
  document.getElementById('compare-curves').replaceChildren(...panels.map((p) => p.panel));
  charts = panels.map(({ metric, box }) => {
    const chart = echarts.init(box);
    chart.setOption(curveOption(trials, curves, metric, x, log), true);
    return chart;
  });
}

export function resizeCurves() {
  charts.forEach((chart) => chart.resize());
}

/** Each trial's latest sample grid, whatever its epoch: trials of different sweeps seldom share one. */
export function renderSamples(compared) {
  document.getElementById('compare-samples').replaceChildren(...compared.map((c) => {
    const grid = c.trial.latest_samples;
    return sampleFigure(c.label, grid, `no sample grid yet (${c.trial.status})`, grid ? ` · epoch ${grid.epoch}` : '', ` · ${c.trial.status}`);
  }));
}
