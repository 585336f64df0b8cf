package io.gantry.worker.model;

/**
 * Images laid out in {@code rows} x {@code cols} tiles, row after row: {@code pixels} holds {@code
 * rows * cols} grey images with values in [0, 1], each of {@code tileShape} ({@code [height,
 * width]}), or of the held-out examples' shape when {@code tileShape} is null.
 */
public record ImageGrid(int rows, int cols, float[] pixels, int[] tileShape) {

  public ImageGrid {
    if (rows < 1 || cols < 1 || pixels.length % (rows * cols) != 0) {
      throw new IllegalArgumentException(
          pixels.length + " values are not " + rows + " x " + cols + " images");
    }
  }

  /** Tiles of the held-out examples' shape: generated or reconstructed images. */
  public ImageGrid(int rows, int cols, float[] pixels) {
    this(rows, cols, pixels, null);
  }

  /** One picture of {@code height} x {@code width} pixels: a plot rather than an example. */
  public static ImageGrid picture(int height, int width, float[] pixels) {
    return new ImageGrid(1, 1, pixels, new int[] {height, width});
  }
}
