// A population-based training sweep's exploits as text: what each changed, and the table of them
// under the Population chart. Parameter names and values come from sweep files, so they reach the
// page as text nodes only.
import { el, fmt } from './common.js';

/** The parameters an exploit changed, by name, each as {name, from, to}. */
export function changes(exploit) {
  return Object.keys(exploit.new_params).sort()
    .filter((name) => JSON.stringify(exploit.old_params[name]) !== JSON.stringify(exploit.new_params[name]))
    .map((name) => ({ name, from: exploit.old_params[name], to: exploit.new_params[name] }));
}

/** {@code lr_d 0.01 -> 0.012}, as the table and the chart's tooltip write a change. */
export function changeText(change) {
  return `${change.name} ${fmt(change.from)} -> ${fmt(change.to)}`;
}

/** Fills {@code table} with the exploits of {@code lineage} (oldest first, as the API gives them), newest first. */
export function renderExploits(table, lineage) {
  table.tHead.replaceChildren(el('tr', {}, el('th', { class: 'num' }, 'step'), el('th', {}, 'member'), el('th', {}, 'copied'), el('th', {}, 'changes')));
  table.tBodies[0].replaceChildren(...[...lineage].reverse().map((exploit) => el('tr', { dataset: { trial: exploit.trial } },
    el('td', { class: 'num' }, fmt(exploit.step)), el('td', {}, exploit.trial), el('td', {}, exploit.parent),
    el('td', { class: 'wrap' }, changes(exploit).map(changeText).join(', ') || '–'))));
}
