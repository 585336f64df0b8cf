// Keeps the sweep page live from the event stream: metric reports and sample grids update the
// page's state in place; anything that adds a trial or changes its status re-reads the sweep
// (cheap, and never out of step); after a reconnection, when events may have been missed,
// everything is fetched again; a sweep that another process runs sends no events here and is
// re-read every few seconds.
import { follow } from './common.js';

const QUIET_MS = 5000;

function applyMetrics(state, trial, event) {
  Object.assign(trial.metrics, event.metrics);
  trial.last_step = Math.max(trial.last_step, event.step);
  if (state.sweep.metric.name in event.metrics) trial.objective = event.metrics[state.sweep.metric.name];
  for (const [name, value] of Object.entries(event.metrics)) {
    const columns = state.curves.get(trial.id + '\n' + name);
    if (columns && (!columns.step.length || columns.step[columns.step.length - 1] < event.step)) {
      columns.step.push(event.step);
      columns.epoch.push(event.epoch);
      columns.value.push(value);
    }
  }
}

/** Follows sweep id; page.reload() re-reads the sweep, page.redraw() and page.renderImages() draw it. */
export function keepLive(id, state, page) {
  let lastEvent = 0;
  let connected = false;
  const noted = (handler) => (event) => { lastEvent = Date.now(); handler(event); };
  const onMetrics = (event) => {
    const trial = state.sweep && state.sweep.trials.find((t) => t.id === event.trial_id);
    if (!trial) return page.reload();
    applyMetrics(state, trial, event);
    page.redraw();
  };
  const onArtifact = (event) => {
    const trial = state.sweep && state.sweep.trials.find((t) => t.id === event.trial_id);
    if (trial && event.kind === 'samples' && event.url) {
      trial.latest_samples = { epoch: event.epoch, step: event.step, url: event.url };
      page.redraw();
    }
    const list = state.artifacts.get(event.trial_id);
    if (list && event.url) {
      list.push({ kind: event.kind, epoch: event.epoch, step: event.step, url: event.url });
      if (state.selected.has(event.trial_id)) page.renderImages();
    }
  };
  const onReady = () => {
    if (connected) {
      state.curves.clear();
      state.artifacts.clear();
      page.reload();
    }
    connected = true;
  };
  follow(id, {
    ready: noted(onReady), metrics_reported: noted(onMetrics), artifact_saved: noted(onArtifact),
    trial_added: noted(page.reload), trial_started: noted(page.reload), trial_ended: noted(page.reload),
    trial_requeued: noted(page.reload), trial_exploited: noted(page.reload), sweep_ended: noted(page.reload),
  });
  setInterval(() => {
    if (state.sweep && state.sweep.status === 'running' && Date.now() - lastEvent > QUIET_MS) page.reload();
  }, QUIET_MS);
}
