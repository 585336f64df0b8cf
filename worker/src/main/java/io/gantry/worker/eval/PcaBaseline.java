package io.gantry.worker.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gantry.worker.data.Examples;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * What principal component analysis reaches with a code of k numbers: the mean squared error per
 * value of the held-out examples projected on the top k principal components of the training
 * examples. It is the floor a linear autoencoder with a code of k reaches (Baldi and Hornik
 * 1989) and the baseline a nonlinear one should beat.
 *
 * <p>The components come from subspace iteration on 2k vectors with a Rayleigh-Ritz step at the
 * end; the products run in libtorch and the rest in double precision here. A full
 * eigendecomposition of Fashion-MNIST's 784 x 784 covariance would take ten times longer.
 */
public final class PcaBaseline {

  private static final int ITERATIONS = 100;

  private PcaBaseline() {}

  /** The held-out error of the top {@code k} components of {@code train} on {@code test}. */
  public static double testError(Examples train, Examples test, int k, NDManager parent) {
    int d = train.features();
    if (k >= d) {
      return 0;
    }
    try (NDManager manager = parent.newSubManager()) {
      NDArray mean = train.rows(manager, 0, train.size()).mean(new int[] {0});
      NDArray centred = train.rows(manager, 0, train.size()).sub(mean);
      NDArray covariance = centred.transpose().matMul(centred);
      double[][] components = topComponents(covariance, k, Math.min(2 * k, d), manager);
      NDArray basis = manager.create(flatten(components), new Shape(k, d));
      NDArray held = test.rows(manager, 0, test.size()).sub(mean);
      NDArray residual = held.sub(held.matMul(basis.transpose()).matMul(basis));
      double squares = residual.square().toType(DataType.FLOAT64, false).sum().getDouble();
      return squares / ((double) test.size() * d);
    }
  }

  /** The top {@code k} eigenvectors of {@code covariance}, from {@code width} iterated vectors. */
  private static double[][] topComponents(NDArray covariance, int k, int width, NDManager manager) {
    int d = (int) covariance.getShape().get(0);
    Random random = new Random(1);
    double[][] q = new double[width][d];
    for (double[] v : q) {
      for (int i = 0; i < d; i++) {
        v[i] = random.nextGaussian();
      }
    }
    orthonormalise(q);
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      // Q^T C is (C Q)^T, C being symmetric; the product then lives in the step's manager.
      try (NDManager step = manager.newSubManager()) {
        q = rows(columns(q, step).transpose().matMul(covariance), width, d);
      }
      orthonormalise(q);
    }
    NDArray basis = columns(q, manager);
    double[][] ritz = rows(basis.transpose().matMul(covariance).matMul(basis), width, width);
    SymmetricEigen eigen = SymmetricEigen.of(ritz);
    int[] order =
        IntStream.range(0, width)
            .boxed()
            .sorted(Comparator.comparingDouble(m -> -eigen.values()[m]))
            .limit(k)
            .mapToInt(Integer::intValue)
            .toArray();
    double[][] components = new double[k][d];
    for (int m = 0; m < k; m++) {
      for (int c = 0; c < width; c++) {
        for (int i = 0; i < d; i++) {
          components[m][i] += eigen.vectors()[c][order[m]] * q[c][i];
        }
      }
    }
    return components;
  }

  /** The vectors {@code q} as the columns of a {@code (d, width)} array. */
  private static NDArray columns(double[][] q, NDManager manager) {
    return manager.create(flatten(q), new Shape(q.length, q[0].length)).transpose();
  }

  private static double[][] rows(NDArray matrix, int count, int length) {
    float[] values = matrix.toFloatArray();
    double[][] out = new double[count][length];
    for (int r = 0; r < count; r++) {
      for (int i = 0; i < length; i++) {
        out[r][i] = values[r * length + i];
      }
    }
    return out;
  }

  private static float[] flatten(double[][] rows) {
    float[] values = new float[rows.length * rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      for (int i = 0; i < rows[r].length; i++) {
        values[r * rows[r].length + i] = (float) rows[r][i];
      }
    }
    return values;
  }

  /** Modified Gram-Schmidt on the rows of {@code vectors}. */
  private static void orthonormalise(double[][] vectors) {
    for (int a = 0; a < vectors.length; a++) {
      for (int b = 0; b < a; b++) {
        double dot = 0;
        for (int i = 0; i < vectors[a].length; i++) {
          dot += vectors[a][i] * vectors[b][i];
        }
        for (int i = 0; i < vectors[a].length; i++) {
          vectors[a][i] -= dot * vectors[b][i];
        }
      }
      double norm = 0;
      for (double x : vectors[a]) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < vectors[a].length; i++) {
        vectors[a][i] /= norm;
      }
    }
  }
}
