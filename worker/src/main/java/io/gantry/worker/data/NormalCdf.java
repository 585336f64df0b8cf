package io.gantry.worker.data;

/**
 * The standard normal CDF, which the JDK lacks, through the complementary error function of
 * Numerical Recipes (Press et al., 2nd ed., section 6.2, {@code erfcc}: a Chebyshev fit with
 * fractional error below 1.2e-7 everywhere), ample for a picture and for inverting the CDF of
 * float data.
 */
final class NormalCdf {

  // erfc(z) = t exp(-z^2 + P(t)), t = 1 / (1 + z / 2), P's coefficients from the constant term up
  private static final double[] P = {
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
    0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277
  };

  private NormalCdf() {}

  /** P(Z <= z) for Z ~ N(0, 1). */
  static double of(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly = 0;
    for (int i = P.length - 1; i >= 0; i--) {
      poly = poly * t + P[i];
    }
    double value = t * Math.exp(-z * z + poly);
    return x >= 0 ? value : 2 - value;
  }
}
