package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a sweep's state back from the store, for a coordinator that starts or resumes it. */
final class StoredSweep {

  private StoredSweep() {}

  /**
   * The state of {@code plan}'s sweep: its trials with the metrics each recorded, and its trial
   * limit ({@code gantry extend}'s, else the plan's).
   */
  static SweepState read(RunStore store, SweepPlan plan) {
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
    return SweepState.of(sweep.id(), sweep.metricName(), sweep.maximize(), limit, trials, metrics);
  }
}
