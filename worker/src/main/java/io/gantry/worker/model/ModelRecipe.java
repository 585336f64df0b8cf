package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.eval.FidMeter;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How one model kind trains: it builds its networks when created, then runs one optimisation step
 * per batch, evaluates on the held-out data, and produces examples to look at. Batches and outputs
 * are rows of flattened features ({@link io.gantry.worker.data.Examples}).
 *
 * <p>Arrays a recipe creates during a call belong to the manager of the batch, or to the one passed
 * in; the caller closes those managers, so native memory stays flat. Grad mode and the engine's
 * random seed are the caller's business too: it turns grad mode off around {@link #evaluate},
 * {@link #samples} and {@link #pictures}, and reseeds before each step and evaluation, so that a
 * recipe restored from a checkpoint continues with the same numbers.
 */
public interface ModelRecipe extends AutoCloseable {

  /**
   * The recipe for {@code model} ({@link ModelCatalog#models()}), its networks built and
   * initialised from the engine's random generator.
   */
  static ModelRecipe create(String model, Hyperparams params, TrialData data) {
    return switch (model) {
      case "ae", "dae" -> new AutoencoderRecipe(params, data, Corruption.of(model, params));
      case "vae" -> new VaeRecipe(params, data);
      case "aae" -> new AdversarialAutoencoderRecipe(params, data);
      case "gan" -> new GanRecipe(params, data);
      case "dcgan" -> new ConvGanRecipe(params, data, false);
      case "cgan" -> new ConvGanRecipe(params, data, true);
      case "progan" -> new ProganRecipe(params, data);
      case "pix2pix" -> new Pix2pixRecipe(params, data);
      case "cyclegan" -> new CycleGanRecipe(params, data);
      case "stylegan" -> new StyleGanRecipe(params, data);
      default -> throw new IllegalArgumentException("unknown model '" + model + "'");
    };
  }

  /** The networks a checkpoint saves (weights and optimizer state), by file name. */
  Map<String, Network> networks();

  /**
   * One training step on {@code batch}. Returns this step's scalar metrics, named as in {@link
   * ModelCatalog#metrics}; a metric measured only on some steps (the GAN's generator loss when
   * {@code k_disc_steps > 1}) is left out of the others.
   */
  Map<String, Float> trainStep(Batch batch);

  /** The {@code val/...} metrics on the held-out examples. */
  Map<String, Double> evaluate(NDManager manager);

  /**
   * {@code count} examples of what the model makes, as {@code (count, features)} in the shape and
   * range of the held-out examples: reconstructions of the first held-out examples for an
   * autoencoder, translations of the first held-out inputs for a translation model, draws from the
   * model otherwise (for a conditional model, classes in turn).
   */
  NDArray samples(int count, NDManager manager);

  /**
   * Examples for a metric that asks for them in chunks ({@code (count, manager)} to {@code (count,
   * features)}), one pass per call: {@link #samples} for a model whose every call draws anew; a
   * model whose samples are fixed (translations of held-out images) walks on through them.
   */
  default BiFunction<Integer, NDManager, NDArray> draws() {
    return this::samples;
  }

  /**
   * FID and the sample metrics measured with it by {@code meter}, on {@code count} examples of what
   * the model makes: by default {@link #draws} against the held-out examples; a model translating
   * between two domains judges each direction against its target domain instead.
   */
  default Map<String, Double> sampleMetrics(FidMeter meter, int count, NDManager manager) {
    return meter.measure(count, draws(), sampleClasses(), manager);
  }

  /**
   * Whether {@link #samples} are new draws from the model. An autoencoder's are reconstructions of
   * held-out examples, so it does not generate.
   */
  default boolean generates() {
    return true;
  }

  /**
   * For a conditional model, the number of classes its {@link #samples} go through in turn, from
   * class 0 at every call; 0 for a model that is not conditioned on a class.
   */
  default int sampleClasses() {
    return 0;
  }

  /**
   * The model's score of how unlikely an image is, for the kinds that give one ({@link
   * ModelCatalog#scoresImages}); empty otherwise.
   */
  default Optional<OutlierScore> outlierScore() {
    return Optional.empty();
  }

  /**
   * The codes of the classes, for a model whose classes have codes it can decode ({@link
   * LatentArithmetic}); empty for a model without them or data without labels.
   */
  default Optional<ClassCodes> classCodes() {
    return Optional.empty();
  }

  /**
   * Pictures beyond the sample grid, by artifact kind: a latent traversal, an interpolation, the
   * {@link LatentArithmetic} of the class codes.
   */
  default Map<String, ImageGrid> pictures(NDManager manager) {
    return Map.of();
  }

  /**
   * Where the recipe's own schedule stands, reported with the training metrics as the value at the
   * report's step (ProGAN's {@code train/phase} and {@code train/alpha}).
   */
  default Map<String, Double> schedule() {
    return Map.of();
  }

  /**
   * What a checkpoint must carry besides the networks for the next step to be the one an unbroken
   * run would take: counters that drive the recipe's schedule.
   */
  default Map<String, String> state() {
    return Map.of();
  }

  /**
   * Puts the recipe back at {@code state} (what {@link #state} returned) before the networks are
   * loaded, shaping them as they were then (ProGAN grows to the saved resolution).
   */
  default void restore(Map<String, String> state) {}

  @Override
  void close();
}
