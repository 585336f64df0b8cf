// "Which one is real?": a real held-out image and one a trial's checkpoint generated, side by
// side in random order; each pair takes one answer, which the server counts in the trial's
// human/fooling_rate. Of one trial (?sweep=S&trial=T) or of any trial of a sweep (?sweep=S).
import { api, el, fmt } from './common.js';

const params = new URLSearchParams(location.search);
const sweep = params.get('sweep');
const trial = params.get('trial');
const $ = (name) => document.getElementById(name);
const sides = ['left', 'right'];
const score = { right: 0, answered: 0 };
let pair = null;

async function nextPair() {
  pair = null;
  $('next').hidden = true;
  $('verdict').textContent = '';
  for (const side of sides) {
    $(side).disabled = true;
    $(side).className = 'side';
  }
  const query = new URLSearchParams({ sweep });
  if (trial) query.set('trial', trial);
  try {
    const shown = await api('/api/quiz/pairs?' + query, { method: 'POST' });
    await Promise.all(sides.map((side) => load($(side).querySelector('img'), shown[side + '_url'])));
    $('quiz-message').textContent = '';
    pair = shown;
    $('quiz-source').textContent = `sweep ${shown.sweep_id}, trial ${trial ? shown.trial_id : 'picked at random'}`;
    for (const side of sides) $(side).disabled = false;
    document.body.dataset.pair = shown.id;
  } catch (err) {
    $('quiz-message').textContent = err.message;
    $('next').hidden = err.status !== 503;
  }
}

function load(img, url) {
  return new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = () => reject(new Error('cannot load ' + url));
    img.src = url;
  });
}

async function answer(picked) {
  if (!pair) return;
  const answered = pair;
  pair = null;
  for (const side of sides) $(side).disabled = true;
  $(picked).classList.add('picked');
  try {
    const verdict = await api(answered.answer_url, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ real: picked }),
    });
    for (const side of sides) $(side).classList.add(side === verdict.real ? 'real' : 'generated');
    score.answered += 1;
    if (!verdict.fooled) score.right += 1;
    $('verdict').textContent = verdict.fooled ? `Fooled: the real one was on the ${verdict.real}.` : 'Right: that one is real.';
    $('score').textContent = `You: ${score.right} right of ${score.answered}. Trial ${verdict.trial_id} fools people in `
      + `${fmt(100 * verdict['human/fooling_rate'])} % of ${verdict['human/answers']} answers.`;
  } catch (err) {
    $('quiz-message').textContent = err.message;
  }
  $('next').hidden = false;
  document.body.dataset.answered = String(score.answered);
}

if (!sweep) {
  $('quiz-message').textContent = 'No sweep given: open this page from a sweep page.';
} else {
  $('sweep-link').href = 'sweep.html?id=' + encodeURIComponent(sweep);
  for (const side of sides) $(side).addEventListener('click', () => answer(side));
  $('next').addEventListener('click', nextPair);
  nextPair();
}
