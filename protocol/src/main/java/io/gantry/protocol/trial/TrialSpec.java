package io.gantry.protocol.trial;

import io.gantry.protocol.CborSerializable;
import java.util.Map;

/**
 * Everything a worker needs to run one trial. {@code params} holds the resolved
 * hyperparameters (Integer, Double, String or Boolean values); {@code artifactDir} is the
 * folder where the trial writes sample grids and checkpoints: a worker puts its own folder there,
 * since nodes share no disk.
 */
public record TrialSpec(
    String sweepId,
    String trialId,
    String model,
    DatasetSpec dataset,
    Map<String, Object> params,
    Budget budget,
    long seed,
    int reportEvery,
    String artifactDir)
    implements CborSerializable {

  /** This spec, writing into {@code folder}. */
  public TrialSpec withArtifactDir(String folder) {
    return new TrialSpec(sweepId, trialId, model, dataset, params, budget, seed, reportEvery, folder);
  }
}
