package io.gantry.worker.eval;

import io.gantry.worker.data.Moments;

/**
 * Mean and covariance of feature vectors that arrive in chunks, in double precision. The sums are
 * shifted by the first vector seen, which keeps the one-pass covariance from cancelling
 * catastrophically when the features have a large mean.
 */
final class MomentAccumulator {

  private final int dims;
  private final double[] shift;
  private final double[] sum;
  private final double[][] products;
  private long count;

  MomentAccumulator(int dims) {
    this.dims = dims;
    this.shift = new double[dims];
    this.sum = new double[dims];
    this.products = new double[dims][dims];
  }

  /** Adds the vectors stored row after row in {@code rows}. */
  void add(float[] rows) {
    for (int r = 0; r < rows.length / dims; r++) {
      addRow(rows, r, 1);
    }
  }

  /**
   * Adds the r-th vector of {@code rows} {@code counts[r]} times, as a resample with replacement
   * holds it, without copying it that often.
   */
  void add(float[] rows, int[] counts) {
    for (int r = 0; r < counts.length; r++) {
      if (counts[r] > 0) {
        addRow(rows, r, counts[r]);
      }
    }
  }

  private void addRow(float[] rows, int r, int times) {
    if (count == 0) {
      for (int i = 0; i < dims; i++) {
        shift[i] = rows[r * dims + i];
      }
    }
    double[] centred = new double[dims];
    for (int i = 0; i < dims; i++) {
      centred[i] = rows[r * dims + i] - shift[i];
      sum[i] += times * centred[i];
    }
    for (int i = 0; i < dims; i++) {
      double ci = times * centred[i];
      for (int j = i; j < dims; j++) {
        products[i][j] += ci * centred[j];
      }
    }
    count += times;
  }

  /** The sample mean and unbiased sample covariance of everything added. */
  Moments moments() {
    if (count < 2) {
      throw new IllegalStateException("need at least 2 vectors, got " + count);
    }
    double[] mean = new double[dims];
    for (int i = 0; i < dims; i++) {
      mean[i] = shift[i] + sum[i] / count;
    }
    double[][] cov = new double[dims][dims];
    for (int i = 0; i < dims; i++) {
      for (int j = i; j < dims; j++) {
        cov[i][j] = (products[i][j] - sum[i] * sum[j] / count) / (count - 1);
        cov[j][i] = cov[i][j];
      }
    }
    return new Moments(mean, cov);
  }
}
