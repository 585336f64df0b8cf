package io.gantry.worker.data;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * One training batch: {@code features} as {@code (n, features)} rows, for labelled data the class
 * of each row as an {@code (n)} int array, and for paired data the input image of each row as
 * {@code (n, features)} rows too.
 */
public record Batch(NDArray features, Optional<NDArray> labels, Optional<NDArray> inputs) {

  /** A batch of unpaired rows. */
  public Batch(NDArray features, Optional<NDArray> labels) {
    this(features, labels, Optional.empty());
  }

  /** Number of examples in the batch. */
  public long size() {
    return features.getShape().get(0);
  }
}
