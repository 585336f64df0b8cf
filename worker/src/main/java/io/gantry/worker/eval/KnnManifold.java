package io.gantry.worker.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The k-nearest-neighbour estimate of the manifold of a set of feature vectors (Kynkäänniemi et
 * al. 2019): the union of balls around each vector whose radius is the distance to its k-th
 * nearest neighbour in the set. Precision is the share of generated vectors inside the real
 * manifold, recall the share of real vectors inside the generated one. The radii are plain Java
 * values, so the manifold of the held-out images outlives the managers of one evaluation.
 */
final class KnnManifold {

  /** The k of the paper, which it found to balance the two errors of the estimate. */
  static final int K = 3;

  // Bounds the native memory of the distance matrices: this many query rows at a time.
  private static final int CHUNK = 1000;

  private final FeatureRows points;
  private final float[] squaredRadii;

  private KnnManifold(FeatureRows points, float[] squaredRadii) {
    this.points = points;
    this.squaredRadii = squaredRadii;
  }

  /** The manifold of the rows of {@code points} with radii to their {@code k}-th neighbours. */
  static KnnManifold of(FeatureRows points, int k, NDManager manager) {
    int n = points.count();
    if (n <= k) {
      throw new IllegalArgumentException(
          "a " + k + "-nearest-neighbour manifold needs more than " + k + " points");
    }
    float[] radii = new float[n];
    try (NDManager scope = manager.newSubManager()) {
      NDArray rows = points.toArray(scope);
      for (int from = 0; from < n; from += CHUNK) {
        int to = Math.min(n, from + CHUNK);
        try (NDManager chunk = scope.newSubManager()) {
          NDArray distances = squaredDistances(rows.get(from + ":" + to), rows);
          // The k + 1 smallest, since each point is its own nearest neighbour.
          NDArray nearest = distances.topK(k + 1, 1, false, true).get(0);
          float[] kth = nearest.get(":, " + k).toFloatArray();
          System.arraycopy(kth, 0, radii, from, kth.length);
        }
      }
    }
    return new KnnManifold(points, radii);
  }

  /** The share of the rows of {@code queries} within the ball of at least one point. */
  double shareInside(FeatureRows queries, NDManager manager) {
    long inside = 0;
    try (NDManager scope = manager.newSubManager()) {
      NDArray rows = queries.toArray(scope);
      NDArray centres = points.toArray(scope);
      NDArray radii = scope.create(squaredRadii).reshape(1, -1);
      for (int from = 0; from < queries.count(); from += CHUNK) {
        int to = Math.min(queries.count(), from + CHUNK);
        try (NDManager chunk = scope.newSubManager()) {
          NDArray distances = squaredDistances(rows.get(from + ":" + to), centres);
          // Inside some ball when the distance to its centre is at most its radius.
          inside += distances.sub(radii).min(new int[] {1}).lte(0).sum().getLong();
        }
      }
    }
    return inside / (double) queries.count();
  }

  /** {@code |a_i - b_j|²} for every row i of {@code a} and j of {@code b}, at least 0. */
  private static NDArray squaredDistances(NDArray a, NDArray b) {
    NDArray aa = a.mul(a).sum(new int[] {1}, true);
    NDArray bb = b.mul(b).sum(new int[] {1}).reshape(1, -1);
    return aa.add(bb).sub(a.matMul(b.transpose()).mul(2)).maximum(0);
  }
}
