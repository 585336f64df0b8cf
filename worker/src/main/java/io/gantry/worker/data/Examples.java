package io.gantry.worker.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.idx.IdxFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * An immutable set of examples, each a row of float features: grey images scaled to [0, 1] (example
 * shape {@code [rows, cols]}) or points in the plane (example shape {@code [2]}), with a class
 * label per example when the data has them, and for paired data an input image of the same shape
 * per example (what pix2pix translates into it). Batches are handed to DJL flattened, one row per
 * example, and labels as int64, the index type PyTorch's one-hot and gather want.
 */
public final class Examples {

  private final float[] values;
  private final int[] labels;
  private final float[] inputs;
  private final int[] exampleShape;
  private final int features;
  private final int size;

  private Examples(float[] values, int[] labels, int[] exampleShape) {
    this(values, labels, null, exampleShape);
  }

  private Examples(float[] values, int[] labels, float[] inputs, int[] exampleShape) {
    this.values = values;
    this.labels = labels;
    this.inputs = inputs;
    this.exampleShape = exampleShape.clone();
    this.features = Arrays.stream(exampleShape).reduce(1, Math::multiplyExact);
    this.size = values.length / features;
  }

  /**
   * These examples, each paired with the example of {@code inputs} at its index as its input image.
   *
   * @throws IllegalArgumentException unless {@code inputs} has as many examples of the same shape
   */
  public Examples pairedWith(Examples inputs) {
    if (inputs.size != size || !Arrays.equals(inputs.exampleShape, exampleShape)) {
      throw new IllegalArgumentException(
          inputs.size
              + " inputs of shape "
              + Arrays.toString(inputs.exampleShape)
              + " cannot pair with "
              + size
              + " examples of shape "
              + Arrays.toString(exampleShape));
    }
    return new Examples(values, labels, inputs.values, exampleShape);
  }

  /**
   * The first {@code limit} images of a rank-3 IDX file (all when {@code limit} is 0), in [0, 1].
   */
  public static Examples ofImages(IdxFile file, int limit) throws IOException {
    return new Examples(pixels(file, limit), null, imageShape(file));
  }

  /**
   * The first {@code limit} images of {@code images} with their classes from {@code labels}, a
   * rank-1 IDX file with at least as many entries (the prefix is taken).
   */
  public static Examples ofLabelledImages(IdxFile images, IdxFile labels, int limit)
      throws IOException {
    return ofLabelledImages(images, labels, limit, label -> true);
  }

  /**
   * The first {@code limit} images (all when 0) of {@code images} whose class in {@code labels}
   * {@code keep} accepts, in file order, with their classes.
   */
  public static Examples ofLabelledImages(
      IdxFile images, IdxFile labels, int limit, IntPredicate keep) throws IOException {
    int[] shape = imageShape(images);
    if (labels.dims().length != 1) {
      throw new IOException(
          "IDX file "
              + labels.source()
              + ": expected a label file with "
              + "dimensions [count], found "
              + Arrays.toString(labels.dims()));
    }
    int wanted = limit > 0 ? limit : Integer.MAX_VALUE;
    int[] kept = new int[Math.min(wanted, images.count())];
    int count = 0;
    for (int i = 0; i < images.count() && count < wanted; i++) {
      if (i >= labels.count()) {
        throw new IOException(
            "IDX file "
                + labels.source()
                + " has "
                + labels.count()
                + " labels for "
                + Math.min(wanted, images.count())
                + " images of "
                + images.source());
      }
      if (keep.test(labels.data()[i] & 0xff)) {
        kept[count++] = i;
      }
    }
    int size = images.itemSize();
    float[] pixels = new float[count * size];
    int[] classes = new int[count];
    byte[] data = images.data();
    for (int k = 0; k < count; k++) {
      classes[k] = labels.data()[kept[k]] & 0xff;
      for (int j = 0; j < size; j++) {
        pixels[k * size + j] = (data[kept[k] * size + j] & 0xff) / 255f;
      }
    }
    return new Examples(pixels, classes, shape);
  }

  private static int[] imageShape(IdxFile file) throws IOException {
    if (file.dims().length != 3) {
      throw new IOException(
          "IDX file "
              + file.source()
              + ": expected an image file with "
              + "dimensions [count, rows, cols], found "
              + Arrays.toString(file.dims()));
    }
    return new int[] {file.dims()[1], file.dims()[2]};
  }

  private static float[] pixels(IdxFile file, int limit) throws IOException {
    imageShape(file);
    int count = limit > 0 ? Math.min(limit, file.count()) : file.count();
    float[] pixels = new float[count * file.itemSize()];
    byte[] data = file.data();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (data[i] & 0xff) / 255f;
    }
    return pixels;
  }

  /** Points of dimension {@code dims}, stored row after row in {@code values}. */
  public static Examples ofPoints(float[] values, int dims) {
    if (values.length % dims != 0) {
      throw new IllegalArgumentException(values.length + " values are not rows of " + dims);
    }
    return new Examples(values.clone(), null, new int[] {dims});
  }

  /** The first {@code count} examples (all, if there are fewer). */
  public Examples prefix(int count) {
    int n = Math.min(count, size);
    return new Examples(
        Arrays.copyOf(values, n * features),
        labels == null ? null : Arrays.copyOf(labels, n),
        inputs == null ? null : Arrays.copyOf(inputs, n * features),
        exampleShape);
  }

  /** The examples whose class {@code keep} accepts, in order; only for data with labels. */
  public Examples ofClasses(IntPredicate keep) {
    int[] kept = IntStream.range(0, size).filter(i -> keep.test(labels[i])).toArray();
    return new Examples(
        gather(values, kept, 0, kept.length),
        Arrays.stream(kept).map(i -> labels[i]).toArray(),
        inputs == null ? null : gather(inputs, kept, 0, kept.length),
        exampleShape);
  }

  /** The rows {@code order[from..to)} of {@code rows}, one after the other. */
  private float[] gather(float[] rows, int[] order, int from, int to) {
    float[] gathered = new float[(to - from) * features];
    for (int i = from; i < to; i++) {
      System.arraycopy(rows, order[i] * features, gathered, (i - from) * features, features);
    }
    return gathered;
  }

  /** Whether every example has an input image paired with it. */
  public boolean hasInputs() {
    return inputs != null;
  }

  /** Whether every example has a class label. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** The class of example {@code index}; only for data with labels. */
  public int label(int index) {
    return labels[index];
  }

  /** Number of classes: one more than the largest label (0 without labels). */
  public int classes() {
    return labels == null ? 0 : Arrays.stream(labels).max().orElse(-1) + 1;
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

  /**
   * The examples at {@code order[from..to)} in {@code manager}: a {@code (to - from, features)}
   * array, with their labels as a {@code (to - from)} int array and their inputs as another {@code
   * (to - from, features)} array when the data has them.
   */
  public Batch batch(NDManager manager, int[] order, int from, int to) {
    Shape shape = new Shape(to - from, features);
    long[] classes = new long[to - from];
    for (int i = from; i < to; i++) {
      classes[i - from] = labels == null ? 0 : labels[order[i]];
    }
    return new Batch(
        manager.create(gather(values, order, from, to), shape),
        Optional.ofNullable(labels == null ? null : manager.create(classes)),
        Optional.ofNullable(
            inputs == null ? null : manager.create(gather(inputs, order, from, to), shape)));
  }

  /** The consecutive examples {@code [from, to)} with their labels and inputs, if any, as a batch. */
  public Batch slice(NDManager manager, int from, int to) {
    return batch(manager, IntStream.range(0, to).toArray(), from, to);
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
