package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.eval.SymmetricEigen;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linear autoencoder (no activations, no hidden layer) with a code of k learns PCA's
 * k-dimensional subspace (Baldi and Hornik 1989), so its held-out reconstruction error reaches
 * PCA's with the same k, computed here from the training subset's covariance.
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
    double pca = pcaTestError(Datasets.load(spec, 1));
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
    System.out.printf("linear AE val/mse %.6f, PCA %.6f (k=%d)%n", autoencoder, pca, K);
    assertTrue(Math.abs(autoencoder - pca) <= 0.02 * pca, "AE " + autoencoder + " vs PCA " + pca);
  }

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
    double[][] cov = covariance(train, mean);
    double[][] components = topComponents(cov, K);
    Examples test = data.test();
    float[] y = test.values(0, test.size());
    double error = 0;
    for (int r = 0; r < test.size(); r++) {
      double[] residual = new double[d];
      for (int i = 0; i < d; i++) {
        residual[i] = y[r * d + i] - mean[i];
      }
      for (double[] component : components) {
        double projection = 0;
        for (int i = 0; i < d; i++) {
          projection += residual[i] * component[i];
        }
        for (int i = 0; i < d; i++) {
          residual[i] -= projection * component[i];
        }
      }
      for (int i = 0; i < d; i++) {
        error += residual[i] * residual[i];
      }
    }
    return error / ((double) test.size() * d);
  }

  /** X^T X of the centred training images, by libtorch: in Java the 6e9 products take a minute. */
  private static double[][] covariance(Examples train, double[] mean) {
    int d = train.features();
    float[] shift = new float[d];
    for (int i = 0; i < d; i++) {
      shift[i] = (float) mean[i];
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = train.rows(manager, 0, train.size()).sub(manager.create(shift));
      float[] product = x.transpose().matMul(x).toFloatArray();
      double[][] cov = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i][j] = product[i * d + j];
        }
      }
      return cov;
    }
  }

  /**
   * The top {@code k} eigenvectors of {@code cov} by subspace iteration on 2k vectors with a
   * Rayleigh-Ritz step at the end: the 784x784 eigendecomposition would take ten times longer.
   */
  private static double[][] topComponents(double[][] cov, int k) {
    int d = cov.length;
    int width = 2 * k;
    Random random = new Random(1);
    double[][] q = new double[width][d];
    for (double[] v : q) {
      for (int i = 0; i < d; i++) {
        v[i] = random.nextGaussian();
      }
    }
    orthonormalise(q);
    for (int iteration = 0; iteration < 100; iteration++) {
      for (int c = 0; c < width; c++) {
        q[c] = times(cov, q[c]);
      }
      orthonormalise(q);
    }
    double[][] ritz = new double[width][width];
    for (int a = 0; a < width; a++) {
      double[] cq = times(cov, q[a]);
      for (int b = 0; b < width; b++) {
        for (int i = 0; i < d; i++) {
          ritz[a][b] += q[b][i] * cq[i];
        }
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(ritz);
    int[] order =
        IntStream.range(0, width)
            .boxed()
            .sorted(Comparator.comparingDouble(m -> -eigen.values()[m]))
            .limit(k)
            .mapToInt(Integer::intValue)
            .toArray();
    double[][] components = new double[k][d];
    for (int m = 0; m < k; m++) {
      for (int c = 0; c < width; c++) {
        for (int i = 0; i < d; i++) {
          components[m][i] += eigen.vectors()[c][order[m]] * q[c][i];
        }
      }
    }
    return components;
  }

  private static double[] times(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double sum = 0;
      for (int j = 0; j < v.length; j++) {
        sum += m[i][j] * v[j];
      }
      out[i] = sum;
    }
    return out;
  }

  /** Modified Gram-Schmidt on the rows of {@code vectors}. */
  private static void orthonormalise(double[][] vectors) {
    for (int a = 0; a < vectors.length; a++) {
      for (int b = 0; b < a; b++) {
        double dot = 0;
        for (int i = 0; i < vectors[a].length; i++) {
          dot += vectors[a][i] * vectors[b][i];
        }
        for (int i = 0; i < vectors[a].length; i++) {
          vectors[a][i] -= dot * vectors[b][i];
        }
      }
      double norm = 0;
      for (double x : vectors[a]) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < vectors[a].length; i++) {
        vectors[a][i] /= norm;
      }
    }
  }
}
