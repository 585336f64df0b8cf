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
 * A linear autoencoder (no activations, no hidden layer) with a code of k learns PCA's
 * k-dimensional subspace (Baldi and Hornik 1989), so its held-out reconstruction error reaches
 * PCA's with the same k, which the trial reports beside it ({@code val/pca_mse}, checked against
 * exact eigenvectors in {@code PcaBaselineTest}).
 */
class LinearAutoencoderPcaTest {

  private static final int K = 8;
  private static final int TRAIN = 10_000;
  private static final int TEST = 1000;
  // 1,500 steps of batches of 1,000: Adam at lr 0.01 then hovers within 1 % of PCA's error.
  private static final int EPOCHS = 150;

  @TempDir Path artifacts;

  @Test
  void reachesPcaReconstructionErrorWithinTwoPercent() throws Exception {
    DatasetSpec spec = DatasetSpec.named("fashion-mnist").withLimits(TRAIN, TEST);
    Map<String, Object> params =
        Map.of(
            "activation",
            "linear",
            "hidden_dim",
            0,
            "latent_dim",
            K,
            "lr",
            1e-2,
            "batch_size",
            1000);
    TrialSpec trial =
        new TrialSpec(
            "fidelity",
            "linear-ae",
            "ae",
            spec,
            params,
            Budget.ofEpochs(EPOCHS),
            1,
            1000,
            artifacts.toString());
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome = new DjlTrialRunner().run(trial, listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    double autoencoder = listener.last("val/mse");
    double pca = listener.last("val/pca_mse");
    System.out.printf("linear AE val/mse %.6f, PCA %.6f (k=%d)%n", autoencoder, pca, K);
    assertTrue(Math.abs(autoencoder - pca) <= 0.02 * pca, "AE " + autoencoder + " vs PCA " + pca);
  }
}
