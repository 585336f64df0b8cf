package io.gantry.worker.data;

import io.gantry.protocol.trial.MixtureSpec;
import java.util.Random;

/**
 * The 1-D Gaussian mixture of {@code mixture-1d}: draws, its CDF, and the inverse CDF that maps
 * U(0, 1) onto it, which is the transform a generator fed uniform noise has to learn.
 */
public final class GaussianMixture {

  // Bisection halves the bracket until it is below this fraction of the mixture's spread: far
  // below a pixel of any plot and a float's resolution of the data.
  private static final double TOLERANCE = 1e-9;

  private final double[] weights;
  private final double[] means;
  private final double[] stds;

  /** The mixture {@code spec} describes. */
  public GaussianMixture(MixtureSpec spec) {
    this.weights = spec.weights().stream().mapToDouble(Double::doubleValue).toArray();
    this.means = spec.means().stream().mapToDouble(Double::doubleValue).toArray();
    this.stds = spec.stds().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** {@code n} draws with {@code random}: a component by its weight, then a normal draw from it. */
  public float[] sample(Random random, int n) {
    float[] points = new float[n];
    for (int i = 0; i < n; i++) {
      int k = random.nextDouble() < weights[0] ? 0 : 1;
      points[i] = (float) (means[k] + stds[k] * random.nextGaussian());
    }
    return points;
  }

  /** The mean, {@code sum w_k mu_k}. */
  public double mean() {
    double mean = 0;
    for (int k = 0; k < weights.length; k++) {
      mean += weights[k] * means[k];
    }
    return mean;
  }

  /** The variance, {@code sum w_k (sigma_k^2 + mu_k^2) - mean^2}. */
  public double variance() {
    double second = 0;
    for (int k = 0; k < weights.length; k++) {
      second += weights[k] * (stds[k] * stds[k] + means[k] * means[k]);
    }
    return second - mean() * mean();
  }

  /** P(X <= x). */
  public double cdf(double x) {
    double p = 0;
    for (int k = 0; k < weights.length; k++) {
      p += weights[k] * NormalCdf.of((x - means[k]) / stds[k]);
    }
    return p;
  }

  /**
   * The x with {@code cdf(x) = u}, for u in (0, 1), by bisection: the CDF is increasing and
   * continuous but has no closed-form inverse.
   */
  public double inverseCdf(double u) {
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    double spread = 0;
    for (int k = 0; k < weights.length; k++) {
      // 40 stds hold every probability a double tells from 0 or 1
      lo = Math.min(lo, means[k] - 40 * stds[k]);
      hi = Math.max(hi, means[k] + 40 * stds[k]);
      spread = Math.max(spread, stds[k]);
    }
    while (hi - lo > TOLERANCE * spread) {
      double mid = (lo + hi) / 2;
      if (cdf(mid) < u) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }
}
