package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.gantry.worker.data.Batch;
import java.util.Locale;

/**
 * A paired image-to-image task, as pix2pix's {@code task:} names it: the input is computed from
 * each image, which is the target, or is the input image the data set pairs with it. Images are
 * flat rows in [0, 1] of {@code rows x cols} pixels, inputs too.
 */
enum PairedTask {

  /** The Sobel edges of the image: the gradient's magnitude, a quarter of it, clipped to 1. */
  EDGES,
  /** The image with its centre square, half its side, painted mid-grey. */
  INPAINT,
  /** The image at a quarter of its side (the mean of each 4x4 block), each pixel shown 4x4. */
  UPSCALE,
  /** The input image the data set pairs with the image (its {@code input_images}). */
  PAIRED;

  private static final int SHRINK = 4;
  private static final float MASK_GREY = 0.5f;
  // Sobel's horizontal derivative; its transpose is the vertical one
  private static final int[][] SOBEL = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};

  /** The task of the catalog's {@code task} choice, checked against the images' shape. */
  static PairedTask of(String name, int rows, int cols) {
    PairedTask task = valueOf(name.toUpperCase(Locale.ROOT));
    if (task == UPSCALE && (rows % SHRINK != 0 || cols % SHRINK != 0)) {
      throw new IllegalArgumentException(
          "pix2pix's task upscale needs image sides divisible by "
              + SHRINK
              + ", got "
              + rows
              + "x"
              + cols);
    }
    return task;
  }

  /** The inputs of the batch's images, {@code (n, rows * cols)} like them. */
  NDArray input(Batch batch, int rows, int cols) {
    return this == PAIRED ? batch.inputs().orElseThrow() : input(batch.features(), rows, cols);
  }

  /** The inputs computed from {@code images}, {@code (n, rows * cols)} like them; not for PAIRED. */
  NDArray input(NDArray images, int rows, int cols) {
    long n = images.getShape().get(0);
    NDArray x = images.reshape(n, 1, rows, cols);
    NDArray input =
        switch (this) {
          case EDGES -> edges(x, rows, cols);
          case INPAINT -> masked(x, rows, cols);
          case UPSCALE ->
              x.reshape(n, 1, rows / SHRINK, SHRINK, cols / SHRINK, SHRINK)
                  .mean(new int[] {5})
                  .mean(new int[] {3})
                  .repeat(2, SHRINK)
                  .repeat(3, SHRINK);
          case PAIRED -> throw new IllegalStateException("paired inputs come with the images");
        };
    return input.reshape(n, (long) rows * cols);
  }

  private static NDArray edges(NDArray x, int rows, int cols) {
    NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
    NDArray gx = null;
    NDArray gy = null;
    for (int dy = 0; dy < 3; dy++) {
      for (int dx = 0; dx < 3; dx++) {
        NDArray window = shifted(padded, dy, dx, rows, cols);
        gx = SOBEL[dy][dx] == 0 ? gx : add(gx, window.mul(SOBEL[dy][dx]));
        gy = SOBEL[dx][dy] == 0 ? gy : add(gy, window.mul(SOBEL[dx][dy]));
      }
    }
    return gx.square().add(gy.square()).sqrt().div(4).clip(0, 1);
  }

  private static NDArray add(NDArray sum, NDArray term) {
    return sum == null ? term : sum.add(term);
  }

  /** The {@code rows x cols} window of the 1-pixel padded images starting at {@code (dy, dx)}. */
  private static NDArray shifted(NDArray padded, int dy, int dx, int rows, int cols) {
    return padded.get(":, :, " + dy + ":" + (dy + rows) + ", " + dx + ":" + (dx + cols));
  }

  private static NDArray masked(NDArray x, int rows, int cols) {
    NDArray input = x.duplicate();
    int top = rows / 4;
    int left = cols / 4;
    input.set(
        new NDIndex(":, :, " + top + ":" + (top + rows / 2) + ", " + left + ":" + (left + cols / 2)),
        MASK_GREY);
    return input;
  }
}
