// What both pages share: the API with its token, live events, and building DOM from untrusted
// strings. Every string from the server reaches the page as a text node or an escaped string.

const TOKEN_KEY = 'gantry-token';

/** The server's token, from #token=... (then dropped from the address) or this tab's storage. */
export function token() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** An error answer of the API: its HTTP status and its JSON body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : 'HTTP ' + status);
    this.status = status;
    this.body = body || {};
  }
}

/** Calls the API; resolves to the JSON answer, rejects with an ApiError. */
export async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers);
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401) askForToken();
    throw new ApiError(response.status, body);
  }
  return body;
}

/** Shows a bar that asks for the server's token, for a server bound off loopback. */
export function askForToken() {
  const bar = document.getElementById('token-bar');
  if (!bar || !bar.hidden) return;
  const input = el('input', { type: 'password', size: 36, placeholder: 'token' });
  const save = el('button', { type: 'button' }, 'use token');
  save.addEventListener('click', () => {
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    location.reload();
  });
  bar.replaceChildren('This server needs its token (printed where it started) to change anything or show live updates: ', input, ' ', save);
  bar.hidden = false;
}

/**
 * Follows the event stream (of one sweep, or of all): handlers maps event types to functions of
 * the parsed data; 'ready' fires on every (re)connection, when a page should catch up.
 */
export function follow(sweepId, handlers) {
  const params = new URLSearchParams();
  if (sweepId) params.set('sweep', sweepId);
  const t = token();
  if (t) params.set('token', t);
  const source = new EventSource('/api/events?' + params);
  const indicator = document.getElementById('live');
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (e) => handle(JSON.parse(e.data)));
  }
  source.addEventListener('ready', () => {
    indicator.textContent = 'live';
    indicator.classList.add('on');
  });
  source.onerror = () => {
    indicator.textContent = 'reconnecting…';
    indicator.classList.remove('on');
  };
  return source;
}

/** An element with attributes (on* never among them) and children; strings become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined).map((c) => (c instanceof Node ? c : String(c))));
  return node;
}

/** Escapes text for the few places that take HTML strings (chart tooltips). */
export function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A number as people read it: four significant digits, or '–' for none. */
export function fmt(value) {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? String(Number(value.toPrecision(4))) : value.toExponential(3);
}

/** An ISO time as a local date and time, or '–'. */
export function fmtTime(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' }) : '–';
}

export function badge(status) {
  return el('span', { class: 'badge ' + status }, status);
}

/** Calls fn at most once per wait milliseconds, last call winning. */
export function throttle(fn, wait) {
  let timer = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, wait);
  };
}

/** The URL if it is a plain http(s) link (an MLflow page), else null: never a javascript: one. */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}
