package io.gantry.worker.eval;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov distance: the largest gap between the empirical CDFs of two
 * samples of 1-D values, from 0 (the same CDF) to 1 (no overlap). It sees the whole distribution
 * (a missed mode, a wrong spread), which a mean and a variance do not, and costs a sort of each
 * sample, O(n log n).
 */
public final class KsDistance {

  private KsDistance() {}

  /** {@code sup_x |F_a(x) - F_b(x)|} over the empirical CDFs of {@code a} and {@code b}. */
  public static double between(float[] a, float[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("the KS distance needs two non-empty samples");
    }
    float[] x = a.clone();
    float[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double gap = 0;
    // Walk both sorted samples in step; ties advance together, so each CDF is read after the
    // jump at a shared value, as the CDF's right-continuity says.
    while (i < x.length && j < y.length) {
      float next = Math.min(x[i], y[j]);
      while (i < x.length && x[i] == next) {
        i++;
      }
      while (j < y.length && y[j] == next) {
        j++;
      }
      gap = Math.max(gap, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return gap;
  }
}
