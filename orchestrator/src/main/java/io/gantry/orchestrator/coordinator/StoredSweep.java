package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's state read back from the store, for a coordinator that starts or resumes it, and the
 * trials the store still has running: a process that stopped left them so, and nothing runs them
 * now. The state has them queued already; the coordinator records that they are.
 */
record StoredSweep(SweepState state, List<String> leftRunning) {

  /**
   * The sweep of {@code plan}: its trials with the metrics each recorded, and its trial limit
   * ({@code gantry extend}'s, else the plan's).
   */
  static StoredSweep read(RunStore store, SweepPlan plan) {
    SweepRecord sweep =
        store.sweep(plan.sweepId()).orElseThrow(() -> new IllegalArgumentException("no sweep " + plan.sweepId()));
    List<TrialRecord> trials = store.trials(sweep.id());
    Map<String, List<MetricPoint>> metrics = new HashMap<>();
    for (TrialRecord trial : trials) {
      if (trial.attempt() > 0) {
        metrics.put(trial.trialId(), store.metrics(sweep.id(), trial.trialId()));
      }
    }
    int limit = store.trialLimit(sweep.id()).orElse(plan.maxTrials());
    SweepState state = SweepState.of(sweep.id(), sweep.metricName(), sweep.maximize(), limit, trials, metrics);
    List<String> leftRunning = trials.stream().filter(t -> t.status() == TrialStatus.RUNNING).map(TrialRecord::trialId).toList();
    return new StoredSweep(state, leftRunning);
  }
}
