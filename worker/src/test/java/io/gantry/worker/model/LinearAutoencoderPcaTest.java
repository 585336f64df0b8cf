package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.eval.SymmetricEigen;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import io.gantry.worker.trial.Budget;
import io.gantry.worker.trial.DatasetSpec;
import io.gantry.worker.trial.TrialOutcome;
import io.gantry.worker.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linear autoencoder (no activations, no hidden layer) with a code of k learns PCA's k-dimensional
 * subspace (Baldi and Hornik 1989), so its held-out reconstruction error reaches PCA's with the
 * same k, computed here from the training subset's covariance.
 */
class LinearAutoencoderPcaTest {

  private static final int K = 8;
  private static final int TRAIN = 2000;
  private static final int TEST = 1000;

  @TempDir Path artifacts;

  @Test
  void reachesPcaReconstructionErrorWithinTwoPercent() throws Exception {
    DatasetSpec spec = DatasetSpec.named("fashion-mnist").withLimits(TRAIN, TEST);
    double pca = pcaTestError(Datasets.load(spec, 1));
    Map<String, Object> params =
        Map.of("activation", "linear", "hidden_dim", 0, "latent_dim", K, "lr", 3e-3, "batch_size", 100);
    TrialSpec trial =
        new TrialSpec("fidelity", "linear-ae", "ae", spec, params, Budget.ofEpochs(EPOCHS), 1, 1000, artifacts.toString());
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome = new DjlTrialRunner().run(trial, listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    double autoencoder = listener.last("val/mse");
    System.out.printf("linear AE val/mse %.6f, PCA %.6f (k=%d)%n", autoencoder, pca, K);
    assertTrue(Math.abs(autoencoder - pca) <= 0.02 * pca, "AE " + autoencoder + " vs PCA " + pca);
  }

  private static final int EPOCHS = 60;

  /** Mean squared error per pixel of the test images projected on the top-k training components. */
  private static double pcaTestError(TrialData data) {
    Examples train = data.train();
    int d = train.features();
    float[] x = train.values(0, train.size());
    double[] mean = new double[d];
    for (int r = 0; r < train.size(); r++) {
      for (int i = 0; i < d; i++) {
        mean[i] += x[r * d + i] / (double) train.size();
      }
    }
    double[][] cov = new double[d][d];
    double[] centred = new double[d];
    for (int r = 0; r < train.size(); r++) {
      for (int i = 0; i < d; i++) {
        centred[i] = x[r * d + i] - mean[i];
      }
      for (int i = 0; i < d; i++) {
        for (int j = i; j < d; j++) {
          cov[i][j] += centred[i] * centred[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        cov[i][j] = cov[j][i];
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(cov);
    int[] top =
        IntStream.range(0, d).boxed()
            .sorted(Comparator.comparingDouble(k -> -eigen.values()[k]))
            .limit(K).mapToInt(Integer::intValue).toArray();
    Examples test = data.test();
    float[] y = test.values(0, test.size());
    double error = 0;
    for (int r = 0; r < test.size(); r++) {
      double[] residual = new double[d];
      for (int i = 0; i < d; i++) {
        residual[i] = y[r * d + i] - mean[i];
      }
      for (int k : top) {
        double projection = 0;
        for (int i = 0; i < d; i++) {
          projection += residual[i] * eigen.vectors()[i][k];
        }
        for (int i = 0; i < d; i++) {
          residual[i] -= projection * eigen.vectors()[i][k];
        }
      }
      for (int i = 0; i < d; i++) {
        error += residual[i] * residual[i];
      }
    }
    return error / ((double) test.size() * d);
  }
}
