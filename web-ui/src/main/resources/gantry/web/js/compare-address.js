// The compare page's address carries its trials, so that it can be shared:
// compare.html?trials=SWEEP/TRIAL,SWEEP/TRIAL. Each sweep and trial is URL-encoded, so that a ','
// or a '/' in a name never splits it; a hand-typed address with plain names works as well.

/** The compare page of entries [{sweep, trial}], in their order. */
export function compareUrl(entries) {
  const list = entries.map((e) => encodeURIComponent(e.sweep) + '/' + encodeURIComponent(e.trial)).join(',');
  return 'compare.html?trials=' + list;
}

/**
 * The entries of an address's query (location.search), each {text, sweep, trial}; one that is not
 * SWEEP/TRIAL has a problem instead of a sweep and a trial.
 */
export function comparedEntries(search) {
  // read from the raw query: URLSearchParams would decode a ',' or '/' inside a name first
  const raw = search.replace(/^\?/, '').split('&').find((p) => p.startsWith('trials='));
  if (!raw) return [];
  return raw.slice('trials='.length).split(',').filter(Boolean).map(entry);
}

function entry(raw) {
  const cut = raw.lastIndexOf('/');
  const sweep = cut > 0 ? decode(raw.slice(0, cut)) : null;
  const trial = cut > 0 ? decode(raw.slice(cut + 1)) : null;
  const text = decode(raw) ?? raw;
  return sweep && trial ? { text, sweep, trial } : { text, problem: 'not SWEEP/TRIAL' };
}

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch (err) {
    return null; // a stray '%' in a hand-typed address
  }
}
