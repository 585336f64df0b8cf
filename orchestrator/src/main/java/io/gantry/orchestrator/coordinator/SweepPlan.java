package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.worker.trial.Budget;
import io.gantry.worker.trial.DatasetSpec;
import io.gantry.worker.trial.TrialSpec;
import java.nio.file.Path;

/** What every trial of a sweep shares, from which the coordinator makes each trial's spec. */
public record SweepPlan(
    String sweepId, String model, DatasetSpec dataset, Budget budget, int reportEvery, Path artifactDir) {

  public TrialSpec trialSpec(TrialRecord trial) {
    return new TrialSpec(
        sweepId,
        trial.trialId(),
        model,
        dataset,
        trial.params(),
        budget,
        trial.seed(),
        reportEvery,
        artifactDir.resolve(trial.trialId()).toAbsolutePath().toString());
  }
}
