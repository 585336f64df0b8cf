package io.gantry.worker.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Arrays;

/**
 * An immutable set of examples, each a row of float features: grey images scaled to [0, 1]
 * (example shape {@code [rows, cols]}) or points in the plane (example shape {@code [2]}).
 * Batches are handed to DJL flattened, one row per example.
 */
public final class Examples {

  private final float[] values;
  private final int[] exampleShape;
  private final int features;
  private final int size;

  private Examples(float[] values, int[] exampleShape) {
    this.values = values;
    this.exampleShape = exampleShape.clone();
    this.features = Arrays.stream(exampleShape).reduce(1, Math::multiplyExact);
    this.size = values.length / features;
  }

  /** The first {@code limit} images of a rank-3 IDX file (all when {@code limit} is 0), in [0, 1]. */
  public static Examples ofImages(IdxFile file, int limit) throws IOException {
    if (file.dims().length != 3) {
      throw new IOException("IDX file " + file.source() + ": expected an image file with "
          + "dimensions [count, rows, cols], found " + Arrays.toString(file.dims()));
    }
    int count = limit > 0 ? Math.min(limit, file.count()) : file.count();
    float[] pixels = new float[count * file.itemSize()];
    byte[] data = file.data();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (data[i] & 0xff) / 255f;
    }
    return new Examples(pixels, new int[] {file.dims()[1], file.dims()[2]});
  }

  /** Points of dimension {@code dims}, stored row after row in {@code values}. */
  public static Examples ofPoints(float[] values, int dims) {
    if (values.length % dims != 0) {
      throw new IllegalArgumentException(values.length + " values are not rows of " + dims);
    }
    return new Examples(values.clone(), new int[] {dims});
  }

  /** Number of examples. */
  public int size() {
    return size;
  }

  /** Number of features per example, the product of {@link #exampleShape()}. */
  public int features() {
    return features;
  }

  /** Shape of one example before flattening: {@code [rows, cols]} or {@code [2]}. */
  public int[] exampleShape() {
    return exampleShape.clone();
  }

  /** True for images, whose values lie in [0, 1]; false for unbounded points. */
  public boolean isImage() {
    return exampleShape.length == 2;
  }

  /** The examples at {@code order[from..to)} as a {@code (to - from, features)} array in {@code manager}. */
  public NDArray batch(NDManager manager, int[] order, int from, int to) {
    float[] rows = new float[(to - from) * features];
    for (int i = from; i < to; i++) {
      System.arraycopy(values, order[i] * features, rows, (i - from) * features, features);
    }
    return manager.create(rows, new Shape(to - from, features));
  }

  /** The consecutive examples {@code [from, to)} as a {@code (to - from, features)} array. */
  public NDArray rows(NDManager manager, int from, int to) {
    return manager.create(values(from, to), new Shape(to - from, features));
  }

  /** A copy of the features of examples {@code [from, to)}, row after row. */
  public float[] values(int from, int to) {
    return Arrays.copyOfRange(values, from * features, to * features);
  }
}
