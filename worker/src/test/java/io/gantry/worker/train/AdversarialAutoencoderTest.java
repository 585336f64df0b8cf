package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.RecordingListener.Report;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial autoencoder on a Fashion-MNIST subset: its codes take the prior's first two
 * moments while it learns to reconstruct, and a trial resumed from a checkpoint goes on with the
 * numbers of an unbroken one, the game's beat included. Its class codes add and subtract as the
 * VAE's do.
 */
class AdversarialAutoencoderTest {

  private static final DatasetSpec DATA = DatasetSpec.named("fashion-mnist").withLimits(3000, 1000);

  @TempDir Path dir;

  private final DjlTrialRunner runner = new DjlTrialRunner();

  @Test
  void theCodesTakeTheGaussianPriorsMomentsWhileReconstructionImproves() throws Exception {
    RecordingListener listener = new RecordingListener();
    Map<String, Object> params = new HashMap<>(params("gaussian"));
    params.put("fid_samples", 0);
    // 750 steps: the codes' moments settle after about 600 (0.06 and 0.59 at 600, 0.14 and 0.69
    // at 900, where collapsed codes would be 0 and 1.41 from the prior's)
    TrialSpec spec = Trials.spec("aae", DATA, params, Budget.ofEpochs(25), 3, dir);

    assertEquals(TrialOutcome.Kind.COMPLETED, runner.run(spec, listener, () -> false).kind());

    double firstMse = listener.value("val/mse", 1).orElseThrow();
    System.out.printf(
        "aae: val/mse %.4f (epoch 1: %.4f), code mean error %.3f, cov error %.3f, d_code %.3f%n",
        listener.last("val/mse"), firstMse, listener.last("val/code_mean_error"), listener.last("val/code_cov_error"),
        listener.last("val/d_code"));
    assertTrue(listener.last("val/mse") < firstMse, "reconstruction improves");
    // N(0, I) in 2 dimensions: a mean within 0.4 of 0, a covariance within 1.0 of I
    assertTrue(listener.last("val/code_mean_error") < 0.4, "mean error " + listener.last("val/code_mean_error"));
    assertTrue(listener.last("val/code_cov_error") < 1.0, "covariance error " + listener.last("val/code_cov_error"));
    // the arithmetic of the classes' mean codes, four rows of A, B, C and A - B + C
    Pictures.assertPicture(dir.resolve("arithmetic/epoch-025.png"), 4 * 58 + 2, 4 * 58 + 2);
  }

  @Test
  void aResumedTrialGoesOnWithTheSameNumbers() throws Exception {
    Map<String, Object> params = new HashMap<>(params("mixture"));
    params.put("k_disc_steps", 2);
    DatasetSpec small = DatasetSpec.named("fashion-mnist").withLimits(300, 100);
    RecordingListener unbroken = new RecordingListener();
    runner.run(Trials.spec("aae", small, params, Budget.ofEpochs(3), 4, dir.resolve("a")), unbroken, () -> false);
    RecordingListener resumed = new RecordingListener();

    TrialOutcome outcome =
        runner.resume(
            Trials.spec("aae", small, params, Budget.ofEpochs(3), 4, dir.resolve("b")),
            dir.resolve("a/checkpoints/epoch-001"),
            resumed,
            () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    List<Report> afterFirstEpoch = unbroken.reports.stream().filter(r -> r.epoch() > 1 || r.step() > 3).toList();
    assertEquals(afterFirstEpoch, resumed.reports);
  }

  private static Map<String, Object> params(String prior) {
    return Map.of(
        "latent_dim", 2, "hidden_dim", 64, "d_hidden", 64, "prior", prior, "batch_size", 100, "fid_samples", 200);
  }
}
