package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.worker.data.Moments;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance and the eigendecomposition behind it, against closed forms. */
class FrechetDistanceTest {

  private final Random random = new Random(3);

  @Test
  void eigendecompositionReconstructsTheMatrixAndItsSquareRoot() {
    double[][] a = randomCovariance(12);
    SymmetricEigen eigen = SymmetricEigen.of(a);
    double[][] rebuilt = new double[12][12];
    for (int k = 0; k < 12; k++) {
      for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 12; j++) {
          rebuilt[i][j] += eigen.vectors()[i][k] * eigen.values()[k] * eigen.vectors()[j][k];
        }
      }
    }
    assertClose(a, rebuilt, 1e-10);
    double[][] root = eigen.sqrt();
    assertClose(a, multiply(root, root), 1e-10);
  }

  @Test
  void matchesTheClosedFormForCovariancesWithCommonAxes() {
    // S = Q diag(d) Q^T share eigenvectors, so tr (Sa Sb)^(1/2) = sum sqrt(da db)
    int n = 6;
    double[][] q = SymmetricEigen.of(randomCovariance(n)).vectors();
    double[] da = {0.5, 1, 2, 3, 4, 0.1};
    double[] db = {1, 1, 0.5, 5, 2, 0.3};
    double[] ma = {0, 1, 2, 3, 4, 5};
    double[] mb = {1, 1, 2, 2, 4, 7};
    double expected = 0;
    for (int i = 0; i < n; i++) {
      expected += Math.pow(ma[i] - mb[i], 2) + Math.pow(Math.sqrt(da[i]) - Math.sqrt(db[i]), 2);
    }
    Moments a = new Moments(ma, rotate(q, da));
    Moments b = new Moments(mb, rotate(q, db));
    assertEquals(expected, FrechetDistance.between(a, b), 1e-9);
  }

  @Test
  void matchesTheClosedFormForTwoDimensionalGaussians() {
    // For 2x2 matrices tr (Sa Sb)^(1/2) = sqrt(tr(Sa Sb) + 2 sqrt(det Sa det Sb)).
    double[][] sa = {{2, 0.5}, {0.5, 1}};
    double[][] sb = {{1, -0.3}, {-0.3, 3}};
    double[][] product = multiply(sa, sb);
    double crossTrace = Math.sqrt(product[0][0] + product[1][1] + 2 * Math.sqrt(det(sa) * det(sb)));
    double expected = 1 + 4 + 3 + 4 - 2 * crossTrace;
    Moments a = new Moments(new double[] {0, 0}, sa);
    Moments b = new Moments(new double[] {1, 2}, sb);
    assertEquals(expected, FrechetDistance.between(a, b), 1e-12);
  }

  @Test
  void isSymmetricNonNegativeAndZeroOnItself() {
    for (int trial = 0; trial < 5; trial++) {
      Moments a = new Moments(randomVector(20), randomCovariance(20));
      Moments b = new Moments(randomVector(20), randomCovariance(20));
      double ab = FrechetDistance.between(a, b);
      assertTrue(ab > 0, "distance " + ab);
      assertEquals(ab, FrechetDistance.between(b, a), 1e-9 * ab);
      assertEquals(0, FrechetDistance.between(a, a), 1e-9);
    }
  }

  private double[] randomVector(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  /** A random covariance X^T X / m of m = 2n Gaussian rows. */
  private double[][] randomCovariance(int n) {
    double[][] x = new double[2 * n][];
    for (int r = 0; r < x.length; r++) {
      x[r] = randomVector(n);
    }
    double[][] cov = new double[n][n];
    for (double[] row : x) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          cov[i][j] += row[i] * row[j] / x.length;
        }
      }
    }
    return cov;
  }

  private static double[][] rotate(double[][] q, double[] diagonal) {
    int n = diagonal.length;
    double[][] s = new double[n][n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          s[i][j] += q[i][k] * diagonal[k] * q[j][k];
        }
      }
    }
    return s;
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int n = x.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < n; j++) {
          out[i][j] += x[i][k] * y[k][j];
        }
      }
    }
    return out;
  }

  private static double det(double[][] m) {
    return m[0][0] * m[1][1] - m[0][1] * m[1][0];
  }

  private static void assertClose(double[][] expected, double[][] actual, double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[i][j], actual[i][j], tolerance, "entry " + i + "," + j);
      }
    }
  }
}
