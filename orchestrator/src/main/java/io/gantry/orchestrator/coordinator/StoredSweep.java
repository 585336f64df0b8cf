package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.TrialHistory;
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
   * The state of {@code plan}'s sweep: its trials, the reports of the sweep's metric its finished
   * trials made, and its trial limit ({@code gantry extend}'s, else the plan's).
   */
  static SweepState read(RunStore store, SweepPlan plan) {
    SweepRecord sweep =
        store.sweep(plan.sweepId()).orElseThrow(() -> new IllegalArgumentException("no sweep " + plan.sweepId()));
    List<TrialRecord> trials = store.trials(sweep.id());
    Map<String, List<TrialHistory.Report>> reports = new HashMap<>();
    for (TrialRecord trial : trials) {
      if (trial.status().isFinished()) {
        reports.put(
            trial.trialId(),
            store.metrics(sweep.id(), trial.trialId()).stream()
                .filter(p -> p.name().equals(sweep.metricName()) && !Double.isNaN(p.value()))
                .map(p -> new TrialHistory.Report(p.step(), p.epoch(), p.value()))
                .toList());
      }
    }
    int limit = store.trialLimit(sweep.id()).orElse(plan.maxTrials());
    return SweepState.of(sweep.id(), sweep.metricName(), sweep.maximize(), limit, trials, reports);
  }
}
