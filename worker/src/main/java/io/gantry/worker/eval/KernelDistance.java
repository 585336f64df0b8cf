package io.gantry.worker.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;

/**
 * KID, the kernel distance of Bińkowski et al. 2018: the unbiased estimate of the squared maximum
 * mean discrepancy between two feature distributions under the cubic polynomial kernel {@code k(x,
 * y) = (x·y / d + 1)^3}. Unlike FID it is unbiased, so it can be compared across sample counts and
 * real against real is 0 on average (a single estimate may be slightly negative). As in the
 * authors' code it is averaged over random subsets of equal size drawn from both sets; the spread
 * of the subset estimates is reported with it ({@link Spread}).
 */
final class KernelDistance {

  private KernelDistance() {}

  /**
   * KID between {@code real} and {@code generated} as the mean over {@code subsets} pairs of
   * subsets of {@code subsetSize} rows (fewer if a set is smaller), drawn by {@code random}.
   */
  static Spread between(
      FeatureRows real,
      FeatureRows generated,
      int subsets,
      int subsetSize,
      Random random,
      NDManager manager) {
    int size = Math.min(subsetSize, Math.min(real.count(), generated.count()));
    double[] estimates = new double[subsets];
    for (int s = 0; s < subsets; s++) {
      try (NDManager subset = manager.newSubManager()) {
        estimates[s] =
            unbiasedMmd2(
                real.sample(size, random).toArray(subset),
                generated.sample(size, random).toArray(subset));
      }
    }
    return Spread.of(estimates);
  }

  /**
   * The unbiased MMD² of the rows of {@code x} and of {@code y} (each {@code (m, d)}, m ≥ 2):
   * the mean kernel within each set over distinct pairs, less twice the mean across the sets. The
   * kernel values are single precision, for speed, and summed in double precision, since the result
   * is a small difference of large sums.
   */
  static double unbiasedMmd2(NDArray x, NDArray y) {
    long m = x.getShape().get(0);
    if (m < 2 || y.getShape().get(0) != m) {
      throw new IllegalArgumentException("needs two sets of the same size, at least 2");
    }
    double pairs = m * (m - 1.0);
    double across = sum(kernel(x, y)) / (m * (double) m);
    return withinPairsSum(x) / pairs + withinPairsSum(y) / pairs - 2 * across;
  }

  private static NDArray kernel(NDArray a, NDArray b) {
    return cube(a.matMul(b.transpose()), a.getShape().get(1));
  }

  /** {@code (dot / d + 1)^3} of the dot products {@code dot}. */
  private static NDArray cube(NDArray dot, long d) {
    return dot.div(d).add(1).pow(3);
  }

  /** The kernel summed over the ordered pairs of distinct rows: all pairs less each row's own. */
  private static double withinPairsSum(NDArray a) {
    NDArray own = cube(a.mul(a).sum(new int[] {1}), a.getShape().get(1));
    return sum(kernel(a, a)) - sum(own);
  }

  private static double sum(NDArray values) {
    return values.toType(DataType.FLOAT64, false).sum().getDouble();
  }
}
