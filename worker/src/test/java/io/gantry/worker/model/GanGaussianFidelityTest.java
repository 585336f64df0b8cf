package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GAN learns the 2-D Gaussian of d2l's GAN chapter: a linear generator on 2-D noise against a
 * small MLP discriminator. Departures from d2l, each for a reason: 5,000 training points, not
 * 1,000, because the sample covariance of 1,000 points is itself 0.16 to 0.40 (Frobenius) away from
 * the true one for the seeds tried, and the assertion is against the true moments; Adam at lr_d
 * 0.01 / lr_g 0.002 with beta1 0.5 on batches of 32, because d2l's 0.05 / 0.005 with beta1 0.9
 * keeps the covariance oscillating by 0.2 to 0.8 from epoch to epoch. With this setup the final
 * errors stayed under 0.08 (mean) and 0.15 (covariance) on seeds 1 to 8.
 */
class GanGaussianFidelityTest {

  @TempDir Path artifacts;

  @Test
  void learnsTheTrueMeanAndCovariance() throws Exception {
    Map<String, Object> params =
        Map.of(
            "latent_dim", 2,
            "g_hidden", 0,
            "d_hidden", 8,
            "lr_d", 0.01,
            "lr_g", 0.002,
            "beta1", 0.5,
            "batch_size", 32);
    TrialSpec spec =
        new TrialSpec(
            "fidelity",
            "gan-gaussian",
            "gan",
            DatasetSpec.named("gaussian-2d").withLimits(5000, 1000),
            params,
            Budget.ofEpochs(20),
            42,
            50,
            artifacts.toString());
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome = new DjlTrialRunner().run(spec, listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    // A euclidean norm under 0.1 puts each coordinate of the mean within 0.1, and a Frobenius
    // norm under 0.2 each covariance entry within 0.2.
    double meanError = listener.last("val/mean_error");
    double covError = listener.last("val/cov_error");
    assertTrue(meanError < 0.1, "mean error " + meanError);
    assertTrue(covError < 0.2, "covariance error " + covError);
    double dReal = listener.last("val/d_real");
    assertTrue(Math.abs(dReal - 0.5) < 0.1, "D should be unable to tell: d_real " + dReal);
  }
}
