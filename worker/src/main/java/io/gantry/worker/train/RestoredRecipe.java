package io.gantry.worker.train;

import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.model.ModelRecipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trial's recipe restored from one of its checkpoints outside any trial, with its data and a
 * manager for what is drawn from it: what {@link CheckpointDraws}, {@link CheckpointArithmetic} and {@link
 * CheckpointScores} start from. Runs DJL on the calling thread, which must not be training at the same time.
 */
record RestoredRecipe(TrialData data, ModelRecipe recipe, NDManager manager)
    implements AutoCloseable {

  /**
   * {@code model} with {@code params}, restored from {@code checkpoint}, over {@code dataset} loaded
   * with {@code seed}.
   *
   * @throws IllegalArgumentException if the checkpoint is of another model
   */
  static RestoredRecipe open(
      String model, Map<String, Object> params, DatasetSpec dataset, Path checkpoint, long seed)
      throws IOException {
    Checkpoint saved = Checkpoint.readOf(model, checkpoint);
    TrialData data = Datasets.load(dataset, seed);
    ModelRecipe recipe = ModelRecipe.create(model, Hyperparams.resolve(model, params), data);
    try {
      saved.restore(recipe);
    } catch (IOException | RuntimeException e) {
      recipe.close();
      throw e;
    }
    return new RestoredRecipe(data, recipe, NDManager.newBaseManager());
  }

  @Override
  public void close() {
    manager.close();
    recipe.close();
  }
}
