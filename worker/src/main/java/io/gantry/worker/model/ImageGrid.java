package io.gantry.worker.model;

/**
 * Images laid out in {@code rows} x {@code cols} tiles, row after row: {@code pixels} holds {@code
 * rows * cols} images of the held-out examples' shape, with values in [0, 1].
 */
public record ImageGrid(int rows, int cols, float[] pixels) {

  public ImageGrid {
    if (rows < 1 || cols < 1 || pixels.length % (rows * cols) != 0) {
      throw new IllegalArgumentException(
          pixels.length + " values are not " + rows + " x " + cols + " images");
    }
  }
}
