package io.gantry.worker.train;

import io.gantry.worker.data.Examples;
import io.gantry.worker.model.ImageGrid;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws what a model makes as a PNG: a grid of images (8x8 samples, or a recipe's {@link
 * ImageGrid}), or for points a scatter plot of held-out points (blue) under generated ones
 * (orange). Plain {@link BufferedImage} drawing, which needs no display.
 */
final class SamplePicture {

  /** Examples a grid shows. */
  static final int GRID_EXAMPLES = 64;

  /** Generated points a scatter plot shows. */
  static final int SCATTER_POINTS = 1000;

  private static final int GRID = 8;
  private static final int ZOOM = 2;
  private static final int GAP = 2;
  private static final int PLOT_SIZE = 480;
  private static final Color REAL = new Color(31, 119, 180, 140);
  private static final Color GENERATED = new Color(255, 127, 14, 140);

  private SamplePicture() {}

  /** How many examples to ask the model for, given the kind of data. */
  static int examplesFor(Examples test) {
    return test.isImage() ? GRID_EXAMPLES : SCATTER_POINTS;
  }

  /** Writes {@code generated} (rows of {@code test}'s shape) to {@code file}, creating folders. */
  static void write(Path file, float[] generated, Examples test) throws IOException {
    write(
        file,
        test.isImage()
            ? grid(generated, test.exampleShape(), GRID, GRID)
            : scatter(generated, test));
  }

  /** Writes {@code grid}, whose images have {@code test}'s shape, to {@code file}. */
  static void write(Path file, ImageGrid grid, Examples test) throws IOException {
    write(file, grid(grid.pixels(), test.exampleShape(), grid.rows(), grid.cols()));
  }

  private static void write(Path file, BufferedImage image) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static BufferedImage grid(float[] pixels, int[] shape, int gridRows, int gridCols) {
    int rows = shape[0];
    int cols = shape[1];
    int tileH = rows * ZOOM + GAP;
    int tileW = cols * ZOOM + GAP;
    BufferedImage image =
        new BufferedImage(
            gridCols * tileW + GAP, gridRows * tileH + GAP, BufferedImage.TYPE_BYTE_GRAY);
    int count = Math.min(gridRows * gridCols, pixels.length / (rows * cols));
    for (int k = 0; k < count; k++) {
      int left = GAP + (k % gridCols) * tileW;
      int top = GAP + (k / gridCols) * tileH;
      for (int y = 0; y < rows * ZOOM; y++) {
        for (int x = 0; x < cols * ZOOM; x++) {
          float v = pixels[k * rows * cols + (y / ZOOM) * cols + x / ZOOM];
          int grey = Math.round(255 * Math.max(0f, Math.min(1f, v)));
          image.getRaster().setSample(left + x, top + y, 0, grey);
        }
      }
    }
    return image;
  }

  private static BufferedImage scatter(float[] generated, Examples test) {
    float[] real = test.values(0, test.size());
    // Axes fit the held-out points with a margin, so a diverged generator cannot squash them.
    float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE};
    float[] hi = {-Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < real.length; i++) {
      lo[i % 2] = Math.min(lo[i % 2], real[i]);
      hi[i % 2] = Math.max(hi[i % 2], real[i]);
    }
    for (int j = 0; j < 2; j++) {
      float margin = 0.25f * Math.max(hi[j] - lo[j], 1e-3f);
      lo[j] -= margin;
      hi[j] += margin;
    }
    BufferedImage image = new BufferedImage(PLOT_SIZE, PLOT_SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, PLOT_SIZE, PLOT_SIZE);
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(1));
    g.drawRect(0, 0, PLOT_SIZE - 1, PLOT_SIZE - 1);
    dots(g, real, lo, hi, REAL);
    dots(g, generated, lo, hi, GENERATED);
    g.dispose();
    return image;
  }

  private static void dots(Graphics2D g, float[] points, float[] lo, float[] hi, Color color) {
    g.setColor(color);
    for (int i = 0; i + 1 < points.length; i += 2) {
      double x = (points[i] - lo[0]) / (hi[0] - lo[0]) * PLOT_SIZE;
      double y = PLOT_SIZE - (points[i + 1] - lo[1]) / (hi[1] - lo[1]) * PLOT_SIZE;
      if (x >= 0 && x < PLOT_SIZE && y >= 0 && y < PLOT_SIZE) {
        g.fillOval((int) x - 2, (int) y - 2, 5, 5);
      }
    }
  }
}
