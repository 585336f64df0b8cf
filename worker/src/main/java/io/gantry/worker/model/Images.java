package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.gantry.worker.data.Examples;

/**
 * Moves images between the data's layout (flat rows in [0, 1]) and the convolutional GANs' (one
 * channel, {@value #SIZE}x{@value #SIZE}, in [-1, 1] as Radford et al.'s tanh output).
 * Fashion-MNIST's 28x28 images are padded with black borders on the way in and cropped on the way
 * out, so that a resolution halves cleanly down to 4x4.
 */
final class Images {

  /** Side of the convolutional GANs' images. */
  static final int SIZE = 32;

  private final int rows;
  private final int cols;
  private final int top;
  private final int left;

  private Images(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.top = (SIZE - rows) / 2;
    this.left = (SIZE - cols) / 2;
  }

  /** The layout for {@code examples}; throws unless they are images that fit in 32x32. */
  static Images of(Examples examples, String model) {
    int[] shape = examples.exampleShape();
    if (!examples.isImage() || shape[0] > SIZE || shape[1] > SIZE) {
      throw new IllegalArgumentException(
          model + " needs images of at most " + SIZE + "x" + SIZE + " pixels");
    }
    return new Images(shape[0], shape[1]);
  }

  /** {@code (n, rows * cols)} in [0, 1] to {@code (n, 1, 32, 32)} in [-1, 1]. */
  NDArray toNetwork(NDArray flat) {
    NDArray images = flat.reshape(flat.getShape().get(0), 1, rows, cols).mul(2).sub(1);
    return images.pad(new Shape(left, SIZE - cols - left, top, SIZE - rows - top), -1);
  }

  /** {@code (n, 1, 32, 32)} in [-1, 1] back to {@code (n, rows * cols)} in [0, 1], clipped. */
  NDArray fromNetwork(NDArray images) {
    NDArray cropped =
        images.get(":, :, " + top + ":" + (top + rows) + ", " + left + ":" + (left + cols));
    return cropped.add(1).div(2).clip(0, 1).reshape(images.getShape().get(0), (long) rows * cols);
  }
}
