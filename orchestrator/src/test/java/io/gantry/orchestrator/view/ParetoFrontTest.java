package io.gantry.orchestrator.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pareto front of a stored sweep of two metrics with a constraint, read back from a real H2 file. */
class ParetoFrontTest {

  @TempDir Path data;

  @Test
  void theFrontIsTheCompletedFeasibleNonDominatedTrials() {
    try (H2RunStore store = H2RunStore.open(data)) {
      ParetoSweep.write(store);
    }
    try (H2RunStore store = H2RunStore.open(data)) {
      SweepRecord sweep = store.sweep(ParetoSweep.ID).orElseThrow();
      assertEquals(ParetoSweep.OBJECTIVES, sweep.objectives(), "the store keeps every metric and constraint");

      SweepSummary summary = SweepSummary.read(store, sweep);

      assertEquals(ParetoSweep.FRONT, summary.front().stream().map(TrialSummary::trialId).toList());
      Map<String, Object> json = summary.objectivesJson();
      assertEquals(ParetoSweep.FRONT, json.get("pareto_front"));
      TrialSummary missesRecall = summary.trials().get(4);
      assertEquals(Optional.of(false), summary.feasible(missesRecall));
      assertEquals(Map.of("on_front", false, "feasible", false), summary.trialObjectivesJson(missesRecall));
      assertEquals(Optional.of(true), summary.feasible(summary.trials().get(0)));
    }
  }

  @Test
  void aSweepOfOneMetricHasNoConstraintsAndItsFrontIsItsBestCompletedTrial() {
    try (H2RunStore store = H2RunStore.open(data)) {
      ImportanceSweep.write(store);
      SweepSummary summary = SweepSummary.read(store, store.sweep(ImportanceSweep.ID).orElseThrow());

      assertEquals(Optional.empty(), summary.feasible(summary.trials().get(0)));
      assertEquals(List.of("t012"), summary.front().stream().map(TrialSummary::trialId).toList());
      assertEquals(List.of(Map.of("name", "val/score", "goal", "maximize")), summary.objectivesJson().get("metrics"));
    }
  }
}
