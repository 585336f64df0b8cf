package io.gantry.worker.data;

import java.util.Random;

/**
 * The toy data of d2l's GAN chapter: {@code x = z A + b} with {@code z ~ N(0, I2)}, so x is
 * Gaussian with mean {@code b} and covariance {@code A^T A}, which the metrics compare against.
 */
public final class Gaussian2d {

  private static final double[][] A = {{1, 2}, {-0.1, 0.5}};
  private static final double[] B = {1, 2};

  private Gaussian2d() {}

  /** {@code n} points drawn with {@code random}, row after row. */
  public static float[] sample(Random random, int n) {
    float[] points = new float[2 * n];
    for (int r = 0; r < n; r++) {
      double z0 = random.nextGaussian();
      double z1 = random.nextGaussian();
      for (int j = 0; j < 2; j++) {
        points[2 * r + j] = (float) (z0 * A[0][j] + z1 * A[1][j] + B[j]);
      }
    }
    return points;
  }

  /** The true mean {@code b} and covariance {@code A^T A}. */
  public static Moments truth() {
    double[][] cov = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        cov[i][j] = A[0][i] * A[0][j] + A[1][i] * A[1][j];
      }
    }
    return new Moments(B.clone(), cov);
  }
}
