package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.gantry.worker.data.TrialData;
import java.util.Map;

/**
 * How one model kind trains: it builds its networks when created, then runs one optimisation
 * step per batch, evaluates on the held-out data, and produces examples to look at. Batches and
 * outputs are rows of flattened features ({@link io.gantry.worker.data.Examples}).
 *
 * <p>Arrays a recipe creates during a call belong to the manager of the batch, or to the one
 * passed in; the caller closes those managers, so native memory stays flat. Grad mode is the
 * caller's business too: it turns it off around {@link #evaluate} and {@link #samples}.
 */
public interface ModelRecipe extends AutoCloseable {

  /**
   * The recipe for {@code model} ({@link ModelCatalog#models()}), its networks built and
   * initialised from the engine's random generator.
   */
  static ModelRecipe create(String model, Hyperparams params, TrialData data) {
    return switch (model) {
      case "ae" -> new AutoencoderRecipe(params, data);
      case "vae" -> new VaeRecipe(params, data);
      case "gan" -> new GanRecipe(params, data);
      default -> throw new IllegalArgumentException("unknown model '" + model + "'");
    };
  }

  /** The networks a checkpoint saves, by file name (without extension). */
  Map<String, Block> networks();

  /**
   * One training step on {@code batch} ({@code (n, features)}). Returns this step's scalar
   * metrics, named as in {@link ModelCatalog#metrics}; a metric measured only on some steps
   * (the GAN's generator loss when {@code k_disc_steps > 1}) is left out of the others.
   */
  Map<String, Float> trainStep(NDArray batch);

  /** The {@code val/...} metrics on the held-out examples. */
  Map<String, Double> evaluate(NDManager manager);

  /**
   * {@code count} examples of what the model makes, as {@code (count, features)}: reconstructions
   * of the first held-out examples for an autoencoder, draws from the prior otherwise.
   */
  NDArray samples(int count, NDManager manager);

  @Override
  void close();
}
