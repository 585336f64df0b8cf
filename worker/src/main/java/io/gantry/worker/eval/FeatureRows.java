package io.gantry.worker.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Feature vectors stored row after row in one array, as the meter collects them from the
 * classifier; the metrics that compare whole sets of features (KID, precision and recall) take
 * them in this form.
 */
record FeatureRows(float[] values, int dims) {

  FeatureRows {
    if (dims <= 0 || values.length % dims != 0) {
      throw new IllegalArgumentException(values.length + " values are not rows of " + dims);
    }
  }

  int count() {
    return values.length / dims;
  }

  /** The rows as an {@code (count, dims)} array in {@code manager}. */
  NDArray toArray(NDManager manager) {
    return manager.create(values, new Shape(count(), dims));
  }

  /** {@code size} distinct rows chosen uniformly by {@code random}. */
  FeatureRows sample(int size, Random random) {
    int n = count();
    if (size > n) {
      throw new IllegalArgumentException("cannot draw " + size + " of " + n + " rows");
    }
    // A partial Fisher-Yates shuffle: the first size entries are a uniform draw without repeats.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float[] picked = new float[size * dims];
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(n - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      System.arraycopy(values, order[i] * dims, picked, i * dims, dims);
    }
    return new FeatureRows(picked, dims);
  }
}
