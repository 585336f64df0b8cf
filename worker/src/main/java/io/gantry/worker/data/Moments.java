package io.gantry.worker.data;

/**
 * Mean and covariance of a distribution in a few dimensions, either the true ones of generated data
 * or the sample estimates of a model's output, and the distances between two of them.
 */
public record Moments(double[] mean, double[][] cov) {

  /** Sample mean and unbiased sample covariance of {@code rows}, stored row after row. */
  public static Moments of(float[] rows, int dims) {
    int n = rows.length / dims;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 points, got " + n);
    }
    double[] mean = new double[dims];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < dims; j++) {
        mean[j] += rows[r * dims + j] / (double) n;
      }
    }
    double[][] cov = new double[dims][dims];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < dims; i++) {
        for (int j = 0; j < dims; j++) {
          cov[i][j] += (rows[r * dims + i] - mean[i]) * (rows[r * dims + j] - mean[j]) / (n - 1);
        }
      }
    }
    return new Moments(mean, cov);
  }

  /** Euclidean norm of the difference of the means. */
  public double meanError(Moments other) {
    double sum = 0;
    for (int i = 0; i < mean.length; i++) {
      sum += Math.pow(mean[i] - other.mean[i], 2);
    }
    return Math.sqrt(sum);
  }

  /** Frobenius norm of the difference of the covariances. */
  public double covError(Moments other) {
    double sum = 0;
    for (int i = 0; i < cov.length; i++) {
      for (int j = 0; j < cov.length; j++) {
        sum += Math.pow(cov[i][j] - other.cov[i][j], 2);
      }
    }
    return Math.sqrt(sum);
  }
}
