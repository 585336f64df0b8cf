package io.gantry.worker.model;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Images laid out in {@code rows} x {@code cols} tiles, row after row: {@code pixels} holds {@code
 * rows * cols} images with values in [0, 1], each of {@code tileShape}: {@code [height, width]}
 * for grey ones, {@code [height, width, 3]} for colour ones (red, green and blue per pixel), or the
 * held-out examples' shape when {@code tileShape} is null.
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

  /**
   * A plot drawn with Java2D as one picture, a tile of its own size rather than an example: grey
   * if {@code image} has one band, else colour.
   */
  public static ImageGrid picture(BufferedImage image) {
    Raster raster = image.getRaster();
    int bands = raster.getNumBands() == 1 ? 1 : 3;
    int height = image.getHeight();
    int width = image.getWidth();
    float[] pixels = new float[height * width * bands];
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        for (int band = 0; band < bands; band++) {
          pixels[(row * width + col) * bands + band] = raster.getSample(col, row, band) / 255f;
        }
      }
    }
    int[] shape = bands == 1 ? new int[] {height, width} : new int[] {height, width, bands};
    return new ImageGrid(1, 1, pixels, shape);
  }
}
