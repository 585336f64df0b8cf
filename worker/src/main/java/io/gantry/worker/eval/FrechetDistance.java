package io.gantry.worker.eval;

import io.gantry.worker.data.Moments;

/**
 * The Fréchet distance between two Gaussians (Dowson and Landau 1982), the D in FID (Heusel et al.
 * 2017): {@code |m1 - m2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2))}. The trace of {@code (S1 S2)^(1/2)} is
 * computed as that of {@code (R S2 R)^(1/2)} with {@code R = S1^(1/2)}: the two products are
 * similar, and the second is symmetric positive semi-definite, so both square roots come from
 * symmetric eigendecompositions instead of the general matrix square root that scipy's {@code
 * sqrtm} needs, whose rounding makes the result complex or negative.
 *
 * <p>Distances from one reference to many others (FID's bootstrap) decompose the reference once.
 */
public final class FrechetDistance {

  private final Moments reference;
  private final double[][] root;

  private FrechetDistance(Moments reference) {
    this.reference = reference;
    this.root = SymmetricEigen.of(reference.cov()).sqrt();
  }

  /** Distances from {@code reference}. */
  public static FrechetDistance from(Moments reference) {
    return new FrechetDistance(reference);
  }

  /** The distance between {@code a} and {@code b}, symmetric and at least 0 up to rounding. */
  public static double between(Moments a, Moments b) {
    return from(a).to(b);
  }

  /** The distance from the reference to {@code b}. */
  public double to(Moments b) {
    Moments a = reference;
    int n = a.mean().length;
    if (b.mean().length != n) {
      throw new IllegalArgumentException("dimensions differ: " + n + " and " + b.mean().length);
    }
    double meanTerm = 0;
    for (int i = 0; i < n; i++) {
      meanTerm += Math.pow(a.mean()[i] - b.mean()[i], 2);
    }
    double[][] inner = multiply(multiply(root, b.cov()), root);
    double crossTrace = 0;
    for (double value : SymmetricEigen.of(inner).values()) {
      crossTrace += Math.sqrt(Math.max(value, 0));
    }
    // Rounding can take an exact 0 a hair below it; a distance is never negative.
    return Math.max(0, meanTerm + trace(a.cov()) + trace(b.cov()) - 2 * crossTrace);
  }

  private static double trace(double[][] m) {
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      sum += m[i][i];
    }
    return sum;
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int n = x.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double xik = x[i][k];
        for (int j = 0; j < n; j++) {
          out[i][j] += xik * y[k][j];
        }
      }
    }
    return out;
  }
}
