package io.gantry.worker.eval;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: plane
 * rotations drive the off-diagonal entries to zero, and the product of the rotations gives the
 * eigenvectors. Slower than tridiagonal QR for large matrices but unconditionally stable and
 * accurate for small eigenvalues, which is what a matrix square root of a covariance needs; a
 * 128x128 matrix takes milliseconds.
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

  private static final int MAX_SWEEPS = 100;

  /**
   * Decomposes {@code matrix} (only its symmetric part is used). {@code vectors[i][k]} is the i-th
   * entry of the eigenvector of {@code values[k]}.
   */
  public static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][n];
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = 0.5 * (matrix[i][j] + matrix[j][i]);
      }
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 1e-22 * (1 + diagonal(a)); sweep++) {
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] != 0) {
            rotate(a, v, p, q);
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    return new SymmetricEigen(values, v);
  }

  /**
   * Zeroes a[p][q] with one rotation (Golub and Van Loan, algorithm 8.5.1), updating only rows and
   * columns p and q and keeping the matrix exactly symmetric.
   */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    int n = a.length;
    double apq = a[p][q];
    double theta = (a[q][q] - a[p][p]) / (2 * apq);
    double t =
        theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    double[] rowP = a[p];
    double[] rowQ = a[q];
    for (int k = 0; k < n; k++) {
      if (k != p && k != q) {
        double akp = rowP[k];
        double akq = rowQ[k];
        double newP = c * akp - s * akq;
        double newQ = s * akp + c * akq;
        rowP[k] = newP;
        a[k][p] = newP;
        rowQ[k] = newQ;
        a[k][q] = newQ;
      }
    }
    rowP[p] -= t * apq;
    rowQ[q] += t * apq;
    rowP[q] = 0;
    rowQ[p] = 0;
    for (double[] row : v) {
      double vkp = row[p];
      double vkq = row[q];
      row[p] = c * vkp - s * vkq;
      row[q] = s * vkp + c * vkq;
    }
  }

  private static double offDiagonal(double[][] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        if (i != j) {
          sum += a[i][j] * a[i][j];
        }
      }
    }
    return sum;
  }

  private static double diagonal(double[][] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i][i] * a[i][i];
    }
    return sum;
  }

  /**
   * The symmetric square root of the decomposed matrix, {@code V sqrt(L) V^T}; eigenvalues that
   * rounding made slightly negative count as 0, as they do for a covariance.
   */
  public double[][] sqrt() {
    int n = values.length;
    double[][] root = new double[n][n];
    for (int k = 0; k < n; k++) {
      double s = Math.sqrt(Math.max(values[k], 0));
      for (int i = 0; i < n; i++) {
        double vik = vectors[i][k] * s;
        for (int j = 0; j < n; j++) {
          root[i][j] += vik * vectors[j][k];
        }
      }
    }
    return root;
  }
}
