package io.gantry.worker.train;

import io.gantry.protocol.trial.CheckpointFolders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.model.ModelRecipe;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DCGAN and the conditional GAN train a few hundred steps on a Fashion-MNIST subset without a
 * non-finite loss, and what G then draws is not one image over and over: the variance of each pixel
 * across a batch of samples, averaged over pixels, stays above a floor (a collapsed G scores 0;
 * real Fashion-MNIST about 0.09).
 */
class ConvGanTrainingTest {

  private static final double VARIANCE_FLOOR = 0.005;
  private static final int STEPS = 240;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"dcgan", "cgan"})
  void trainsWithFiniteLossesAndVariedSamples(String model) throws Exception {
    Map<String, Object> params =
        Map.of(
            "latent_dim",
            32,
            "g_channels",
            16,
            "d_channels",
            16,
            "batch_size",
            32,
            "fid_samples",
            500);
    DatasetSpec data = DatasetSpec.named("fashion-mnist").withLimits(1920, 500);
    TrialSpec spec =
        new TrialSpec(
            "gan", model, model, data, params, Budget.ofSteps(STEPS), 2, 40, dir.toString());
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome = new DjlTrialRunner().run(spec, listener, () -> false);

    assertEquals(TrialOutcome.completed(STEPS), outcome);
    for (String metric : new String[] {"train/loss_d", "train/loss_g", "val/fid"}) {
      assertTrue(Double.isFinite(listener.last(metric)), metric + " " + listener.last(metric));
    }
    System.out.printf(
        "%s after %d steps: val/fid %.1f, loss_d %.3f, loss_g %.3f%n",
        model,
        STEPS,
        listener.last("val/fid"),
        listener.last("train/loss_d"),
        listener.last("train/loss_g"));
    assertTrue(pixelVariance(model, params, data) > VARIANCE_FLOOR);
    if (model.equals("cgan")) {
      // one row per class, 8 columns of 28x28 tiles zoomed twice with 2-pixel gaps
      Pictures.assertPicture(dir.resolve("classes/epoch-004.png"), 8 * 58 + 2, 10 * 58 + 2);
      // four expressions of A, B, C and A - B + C, each drawn with four fixed z
      Pictures.assertPicture(dir.resolve("arithmetic/epoch-004.png"), 4 * 58 + 2, 16 * 58 + 2);
    } else {
      Pictures.assertPicture(dir.resolve("interpolation/epoch-004.png"), 8 * 58 + 2, 8 * 58 + 2);
    }
  }

  /** Mean over pixels of each pixel's variance across 64 samples of the last checkpoint. */
  private double pixelVariance(String model, Map<String, Object> params, DatasetSpec data)
      throws Exception {
    try (NDManager manager = NDManager.newBaseManager();
        ModelRecipe recipe =
            ModelRecipe.create(model, Hyperparams.resolve(model, params), Datasets.load(data, 2))) {
      Checkpoint.read(CheckpointFolders.latest(dir).orElseThrow()).restore(recipe);
      float[] samples = recipe.samples(64, manager).toFloatArray();
      int features = samples.length / 64;
      double total = 0;
      for (int p = 0; p < features; p++) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 64; i++) {
          double v = samples[i * features + p];
          sum += v;
          squares += v * v;
        }
        total += squares / 64 - Math.pow(sum / 64, 2);
      }
      double variance = total / features;
      System.out.printf("%s: pixel variance across samples %.4f%n", model, variance);
      return variance;
    }
  }
}
