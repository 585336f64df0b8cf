// The submit form: paste or load a sweep file, send it, and show its problems with line, column
// and key; clicking a problem selects its line in the text.
import { api, el } from './common.js';

function selectLine(textarea, line) {
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[line - 1] || '').length);
}

function problem(textarea, error) {
  const where = error.line > 0 ? `line ${error.line}, column ${error.column}` : 'file';
  const item = el('li', {}, el('span', { class: 'where' }, where), error.key ? ` · ${error.key}: ` : ': ', error.message);
  if (error.line > 0) item.addEventListener('click', () => selectLine(textarea, error.line));
  return item;
}

/** Wires the form; onSubmitted runs after a sweep was accepted. */
export function initSubmitForm(onSubmitted) {
  const form = document.getElementById('submit-form');
  const textarea = document.getElementById('yaml');
  const errors = document.getElementById('submit-errors');
  const result = document.getElementById('submit-result');
  document.getElementById('yaml-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) textarea.value = await file.text();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.replaceChildren();
    result.replaceChildren('submitting…');
    try {
      const answer = await api('/api/sweeps', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: textarea.value });
      result.replaceChildren(`sweep ${answer.id} ${answer.status}: `, el('a', { href: answer.url }, 'open it'));
      onSubmitted();
    } catch (err) {
      result.replaceChildren(err.message);
      errors.replaceChildren(...(err.body.errors || []).map((error) => problem(textarea, error)));
    }
  });
}
