package io.gantry.orchestrator.search;

/** The standard normal distribution's CDF, which the JDK lacks. */
final class Normal {

  static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

  private Normal() {}

  /** P(Z <= z) for a standard normal Z, to about 1e-7. */
  static double cdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** The complementary error function by Chebyshev fitting (Numerical Recipes' erfcc). */
  private static double erfc(double x) {
    double t = 1 / (1 + 0.5 * Math.abs(x));
    double poly =
        -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    double result = t * Math.exp(-x * x + poly);
    return x >= 0 ? result : 2 - result;
  }
}
