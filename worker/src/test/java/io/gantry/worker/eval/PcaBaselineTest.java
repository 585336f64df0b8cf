package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.gantry.worker.data.Examples;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * PCA's held-out error against the projection on the exact eigenvectors of the training
 * covariance, on points near a 3-dimensional subspace of 10 dimensions.
 */
class PcaBaselineTest {

  private static final int D = 10;

  @Test
  void matchesTheProjectionOnTheExactComponents() {
    Random random = new Random(3);
    Examples train = near3dSubspace(4000, random);
    Examples test = near3dSubspace(1000, random);
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int k : new int[] {1, 3, 5}) {
        assertEquals(exactError(train, test, k), PcaBaseline.testError(train, test, k, manager), 1e-4, "k = " + k);
      }
      assertEquals(0, PcaBaseline.testError(train, test, D, manager), "a code as wide as the data loses nothing");
    }
  }

  /** z in 3 dimensions of spreads 3, 2 and 1.5, mapped by a fixed matrix, plus noise of 0.1. */
  private static Examples near3dSubspace(int n, Random random) {
    Random fixed = new Random(11);
    double[][] map = new double[D][3];
    for (double[] row : map) {
      for (int j = 0; j < 3; j++) {
        row[j] = fixed.nextGaussian();
      }
    }
    double[] spread = {3, 2, 1.5};
    float[] values = new float[n * D];
    for (int r = 0; r < n; r++) {
      double[] z = {spread[0] * random.nextGaussian(), spread[1] * random.nextGaussian(), spread[2] * random.nextGaussian()};
      for (int i = 0; i < D; i++) {
        double x = 5 + 0.1 * random.nextGaussian();
        for (int j = 0; j < 3; j++) {
          x += map[i][j] * z[j];
        }
        values[r * D + i] = (float) x;
      }
    }
    return Examples.ofPoints(values, D);
  }

  private static double exactError(Examples train, Examples test, int k) {
    float[] x = train.values(0, train.size());
    double[] mean = new double[D];
    for (int r = 0; r < train.size(); r++) {
      for (int i = 0; i < D; i++) {
        mean[i] += x[r * D + i] / train.size();
      }
    }
    double[][] scatter = new double[D][D];
    for (int r = 0; r < train.size(); r++) {
      for (int i = 0; i < D; i++) {
        for (int j = 0; j < D; j++) {
          scatter[i][j] += (x[r * D + i] - mean[i]) * (x[r * D + j] - mean[j]);
        }
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(scatter);
    int[] top = IntStream.range(0, D).boxed().sorted(Comparator.comparingDouble(m -> -eigen.values()[m])).limit(k).mapToInt(Integer::intValue).toArray();
    float[] y = test.values(0, test.size());
    double error = 0;
    for (int r = 0; r < test.size(); r++) {
      double[] residual = new double[D];
      for (int i = 0; i < D; i++) {
        residual[i] = y[r * D + i] - mean[i];
      }
      for (int m : top) {
        double projection = 0;
        for (int i = 0; i < D; i++) {
          projection += residual[i] * eigen.vectors()[i][m];
        }
        for (int i = 0; i < D; i++) {
          residual[i] -= projection * eigen.vectors()[i][m];
        }
      }
      for (double v : residual) {
        error += v * v;
      }
    }
    return error / ((double) test.size() * D);
  }
}
