package io.gantry.worker.data;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * One training batch: {@code features} as {@code (n, features)} rows and, for labelled data, the
 * class of each row as an {@code (n)} int array.
 */
public record Batch(NDArray features, Optional<NDArray> labels) {

  /** Number of examples in the batch. */
  public long size() {
    return features.getShape().get(0);
  }
}
