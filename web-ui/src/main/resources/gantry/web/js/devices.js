// The device panel: for each selected trial, the latest sample of the machine and device it runs
// on, from its system/... metrics (MLflow's names); a column only where some trial has the metric.
import { el, fmt } from './common.js';

const COLUMNS = [
  ['CPU %', 'system/cpu_utilization_percentage'],
  ['worker CPU %', 'system/process_cpu_utilization_percentage'],
  ['worker memory MB', 'system/process_memory_rss_megabytes'],
  ['machine memory %', 'system/system_memory_usage_percentage'],
  ['GPU %', 'system/gpu_0_utilization_percentage'],
  ['GPU memory MB', 'system/gpu_0_memory_usage_megabytes'],
  ['GPU memory peak MB', 'system/gpu_0_memory_peak_megabytes'],
  ['GPU power W', 'system/gpu_0_power_usage_watts'],
  ['GPU °C', 'system/gpu_0_temperature_celsius'],
];

/** Fills the table {@code table} for {@code trials}; hides {@code section} when none has a sample. */
export function renderDevices(section, table, trials) {
  const sampled = trials.filter((t) => COLUMNS.some(([, name]) => name in t.metrics));
  const shown = COLUMNS.filter(([, name]) => sampled.some((t) => name in t.metrics));
  section.hidden = sampled.length === 0;
  table.tHead.replaceChildren(el('tr', {}, el('th', {}, 'trial'), el('th', {}, 'worker'), el('th', {}, 'device'),
    shown.map(([label]) => el('th', { class: 'num' }, label))));
  table.tBodies[0].replaceChildren(...sampled.map((t) => el('tr', { dataset: { trial: t.id } },
    el('td', {}, t.id), el('td', {}, t.worker || '–'), el('td', {}, t.device || '–'),
    shown.map(([, name]) => el('td', { class: 'num', dataset: { metric: name } }, name in t.metrics ? fmt(t.metrics[name]) : '–')))));
}
