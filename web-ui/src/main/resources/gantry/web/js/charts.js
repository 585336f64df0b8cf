// ECharts options for the sweep page's charts: metric curves of the selected trials, parallel
// coordinates from the varying parameters to the sweep's metric, the Pareto front, and a
// population's lineage. Text reaches ECharts' canvas as text; the one HTML it takes, tooltips, is
// escaped here.
import { esc, fmt } from './common.js';
import { changeText, changes } from './lineage.js';

const ENDED_EARLY = { stopped: 'stopped', diverged: 'diverged', failed: 'failed' };

/** Points of one metric for the x axis: every report by step, or the last value of each epoch. */
export function points(columns, x) {
  if (!columns) return [];
  const out = [];
  for (let i = 0; i < columns.step.length; i++) {
    const point = [x === 'epoch' ? columns.epoch[i] : columns.step[i], columns.value[i]];
    if (x === 'epoch' && out.length && out[out.length - 1][0] === point[0]) out[out.length - 1] = point;
    else out.push(point);
  }
  return out;
}

function pin(coord, text, color) {
  return { coord, name: text, itemStyle: { color }, label: { formatter: text } };
}

/** Pins where a trial ended early, and where a sweep of a higher priority preempted it (on the step axis). */
function endMark(trial, data, x) {
  const pins = [];
  const label = ENDED_EARLY[trial.status];
  const last = [...data].reverse().find((p) => p[1] !== null && Number.isFinite(p[1]));
  if (label && last) {
    const text = trial.status === 'stopped' && trial.stop_rung !== null ? 'early-stopped' : label;
    pins.push(pin(last, text, trial.status === 'stopped' ? '#b7791f' : '#c53030'));
  }
  if (x !== 'epoch') {
    for (const preemption of trial.preemptions || []) {
      const at = data.find((p) => p[0] >= preemption.step && p[1] !== null);
      if (at) pins.push(pin(at, 'preempted', '#5c7cfa'));
    }
  }
  if (!pins.length) return undefined;
  return {
    symbol: 'pin', symbolSize: 30, silent: true,
    label: { show: true, position: 'top', distance: 2, color: '#333', fontSize: 11 },
    data: pins,
  };
}

/** One line per selected trial; trials that ended early carry a pin where they stopped, preempted ones where they were preempted. */
export function curveOption(trials, curves, metric, x, log) {
  const series = trials.map((trial) => {
    let data = points(curves.get(trial.id + '\n' + metric), x);
    if (log) data = data.filter((p) => p[1] > 0);
    return { name: trial.id, type: 'line', showSymbol: data.length < 60, symbolSize: 4, connectNulls: false, sampling: 'lttb', data, markPoint: endMark(trial, data, x) };
  });
  return {
    animation: false,
    color: ['#2f6fde', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f08c00', '#5c940d', '#862e9c', '#364fc7'],
    legend: { type: 'scroll', top: 0 },
    grid: { left: 60, right: 24, top: 36, bottom: 44 },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => `${esc(x)} ${esc(items[0].value[0])}<br>` + items.map((i) => `${i.marker}${esc(i.seriesName)}: ${esc(fmt(i.value[1]))}`).join('<br>'),
    },
    xAxis: { type: 'value', name: x, nameLocation: 'middle', nameGap: 26, min: 'dataMin', max: 'dataMax' },
    yAxis: { type: log ? 'log' : 'value', name: metric, scale: true, nameTextStyle: { align: 'left' } },
    dataZoom: [{ type: 'inside' }],
    series,
  };
}

function axisFor(name, values) {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length && present.every((v) => typeof v === 'number')) {
    const min = Math.min(...present);
    const max = Math.max(...present);
    return { name, type: min > 0 && max / min >= 20 ? 'log' : 'value', scale: true };
  }
  return { name, type: 'category', data: [...new Set(present.map(String))] };
}

/**
 * One line per trial through its parameters to the sweep's metric (better at the top); selected
 * trials are drawn bold. A trial without a value yet ends at the metric axis's bottom edge.
 */
export function parallelOption(sweep, params, selected) {
  const axes = params.map((p) => axisFor(p, sweep.trials.map((t) => t.params[p])));
  const objectives = sweep.trials.map((t) => t.objective).filter((v) => v !== null);
  const maximize = sweep.metric.goal === 'maximize';
  // better values at the top, whatever the goal; an inverted axis starts at the top, name included
  axes.push({ name: sweep.metric.name, type: 'value', scale: true, inverse: !maximize, nameLocation: maximize ? 'end' : 'start', nameTextStyle: { fontWeight: 'bold' } });
  const data = sweep.trials.map((t) => ({
    name: t.id,
    value: [...params.map((p, i) => (axes[i].type === 'category' ? String(t.params[p]) : t.params[p])), t.objective === null ? '-' : t.objective],
    lineStyle: selected.has(t.id) ? { width: 3, opacity: 1 } : undefined,
  }));
  return {
    animation: false,
    parallelAxis: axes.map((a, i) => Object.assign({ dim: i, nameLocation: 'end', nameGap: 12 }, a)),
    parallel: { left: 50, right: 80, top: 50, bottom: 30, parallelAxisDefault: { nameTextStyle: { fontSize: 11 } } },
    visualMap: objectives.length ? {
      type: 'continuous', dimension: params.length, min: Math.min(...objectives), max: Math.max(...objectives),
      inRange: { color: maximize ? ['#d0d7e5', '#2f6fde'] : ['#2f6fde', '#d0d7e5'] }, show: false,
    } : undefined,
    tooltip: {
      trigger: 'item',
      formatter: (item) => `<b>${esc(item.name)}</b><br>` + axes.map((a, i) => `${esc(a.name)}: ${esc(fmt(item.value[i]))}`).join('<br>'),
    },
    series: [{ type: 'parallel', data, lineStyle: { width: 1.2, opacity: 0.45 }, emphasis: { lineStyle: { width: 3, opacity: 1 } } }],
  };
}

/**
 * The sweep's first two metrics, one point per trial that has both: the Pareto front's trials
 * (the server's pareto_front) filled and joined by its staircase, better corner at the bottom
 * left whatever the goals; trials that miss a constraint hollow and grey; selected ones larger.
 */
export function paretoOption(sweep, selected) {
  const [a, b] = sweep.metrics;
  const front = new Set(sweep.pareto_front);
  const valued = sweep.trials.filter((t) => Number.isFinite(t.metrics[a.name]) && Number.isFinite(t.metrics[b.name]));
  const point = (t) => ({ name: t.id, value: [t.metrics[a.name], t.metrics[b.name]], symbolSize: selected.has(t.id) ? 14 : 9 });
  const staircase = sweep.trials.filter((t) => front.has(t.id)).map((t) => [t.metrics[a.name], t.metrics[b.name]])
    .sort((p, q) => (a.goal === 'maximize' ? q[0] - p[0] : p[0] - q[0]));
  const axis = (m) => ({ name: `${m.name} (${m.goal})`, type: 'value', scale: true, inverse: m.goal === 'maximize', nameLocation: 'middle', nameGap: 28 });
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 30, bottom: 50 },
    xAxis: axis(a),
    yAxis: Object.assign(axis(b), { nameGap: 45 }),
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: (item) => (item.name ? `<b>${esc(item.name)}</b><br>${esc(a.name)}: ${esc(fmt(item.value[0]))}<br>${esc(b.name)}: ${esc(fmt(item.value[1]))}` : '') },
    series: [
      { name: 'Pareto front', type: 'scatter', data: valued.filter((t) => front.has(t.id)).map(point), itemStyle: { color: '#2f6fde' }, z: 3 },
      { name: 'feasible', type: 'scatter', data: valued.filter((t) => !front.has(t.id) && t.feasible !== false).map(point), itemStyle: { color: '#9aa8c2' } },
      { name: 'infeasible', type: 'scatter', data: valued.filter((t) => t.feasible === false).map(point), itemStyle: { color: 'transparent', borderColor: '#bbb', borderWidth: 1.5 } },
      { name: 'front line', type: 'line', step: 'end', data: staircase, symbol: 'none', lineStyle: { color: '#2f6fde', width: 1.5 }, silent: true, tooltip: { show: false } },
    ],
  };
}

function exploitTooltip(exploit) {
  return `<b>${esc(exploit.trial)}</b> copied <b>${esc(exploit.parent)}</b> at step ${esc(exploit.step)}`
    + changes(exploit).map((c) => '<br>' + esc(changeText(c))).join('');
}

/**
 * A population-based training sweep: one band per member (trial) from step 0 to its last step,
 * and an arrow for each exploit from the parent's band to the member's at the step it copied.
 * Both series place members by their index on the category axis, as lines series take numbers.
 */
export function lineageOption(sweep, selected) {
  const members = sweep.trials.map((t) => t.id);
  const band = (t, i) => ({
    name: t.id, coords: [[0, i], [t.last_step, i]],
    lineStyle: selected.has(t.id) ? { width: 12, opacity: 1 } : undefined,
  });
  const arrow = (exploit) => ({
    coords: [[exploit.step, members.indexOf(exploit.parent)], [exploit.step, members.indexOf(exploit.trial)]],
    tooltipHtml: exploitTooltip(exploit),
  });
  // lines series leave the axes' extent to the option
  const last = Math.max(1, ...sweep.trials.map((t) => t.last_step), ...sweep.lineage.map((e) => e.step));
  return {
    animation: false,
    grid: { left: 70, right: 24, top: 16, bottom: 44 },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26, min: 0, max: last },
    yAxis: { type: 'category', data: members, inverse: true, axisTick: { show: false } },
    tooltip: {
      trigger: 'item',
      formatter: (item) => (item.seriesId === 'members'
        ? `<b>${esc(item.name)}</b><br>steps 0–${esc(item.data.coords[1][0])}` : item.data.tooltipHtml),
    },
    series: [
      { id: 'members', type: 'lines', coordinateSystem: 'cartesian2d', data: sweep.trials.map(band), lineStyle: { color: '#2f6fde', width: 8, opacity: 0.4, cap: 'round' }, emphasis: { lineStyle: { opacity: 0.8 } } },
      { id: 'exploits', type: 'lines', coordinateSystem: 'cartesian2d', data: sweep.lineage.map(arrow), symbol: ['circle', 'arrow'], symbolSize: [6, 12], lineStyle: { color: '#e8590c', width: 2, opacity: 1 }, z: 3 },
    ],
  };
}
