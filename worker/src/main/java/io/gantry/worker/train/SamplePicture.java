package io.gantry.worker.train;

import io.gantry.worker.data.Examples;
import io.gantry.worker.model.ImageGrid;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Draws what a model makes as a PNG: a grid of images (8x8 samples, or a recipe's {@link
 * ImageGrid}, grey or colour), for 2-D points a scatter plot of held-out points (blue) under generated ones
 * (orange), for 1-D points their two histograms so. Plain {@link BufferedImage} drawing, which
 * needs no display.
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
  // 480 / 60: bars of 8 pixels, fine enough for two modes of 10,000 points each
  private static final int BINS = 60;
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
            : test.features() == 1 ? histograms(generated, test) : scatter(generated, test));
  }

  /** Writes {@code grid}, tiles of their own shape or else of {@code test}'s, to {@code file}. */
  static void write(Path file, ImageGrid grid, Examples test) throws IOException {
    write(file, grid, grid.tileShape() != null ? grid.tileShape() : test.exampleShape());
  }

  /** Writes {@code grid}, whose images are of {@code shape}, to {@code file}. */
  static void write(Path file, ImageGrid grid, int[] shape) throws IOException {
    write(file, grid(grid.pixels(), shape, grid.rows(), grid.cols()));
  }

  /**
   * The {@code index}-th image of {@code pixels} (rows of {@code shape}, values in [0, 1]) as a
   * grey PNG at its own resolution, one pixel per value.
   */
  static byte[] png(float[] pixels, int index, int[] shape) throws IOException {
    int rows = shape[0];
    int cols = shape[1];
    BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        image.getRaster().setSample(x, y, 0, level(pixels[index * rows * cols + y * cols + x]));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static int level(float value) {
    return Math.round(255 * Math.max(0f, Math.min(1f, value)));
  }

  private static void write(Path file, BufferedImage image) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  /** Tiles of {@code shape}, {@code [rows, cols]} grey or {@code [rows, cols, 3]} colour. */
  private static BufferedImage grid(float[] pixels, int[] shape, int gridRows, int gridCols) {
    int rows = shape[0];
    int cols = shape[1];
    int bands = shape.length == 3 ? shape[2] : 1;
    int tileH = rows * ZOOM + GAP;
    int tileW = cols * ZOOM + GAP;
    BufferedImage image =
        new BufferedImage(
            gridCols * tileW + GAP,
            gridRows * tileH + GAP,
            bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    int count = Math.min(gridRows * gridCols, pixels.length / (rows * cols * bands));
    for (int k = 0; k < count; k++) {
      int left = GAP + (k % gridCols) * tileW;
      int top = GAP + (k / gridCols) * tileH;
      for (int y = 0; y < rows * ZOOM; y++) {
        for (int x = 0; x < cols * ZOOM; x++) {
          int pixel = k * rows * cols + (y / ZOOM) * cols + x / ZOOM;
          for (int band = 0; band < bands; band++) {
            int value = level(pixels[pixel * bands + band]);
            image.getRaster().setSample(left + x, top + y, band, value);
          }
        }
      }
    }
    return image;
  }

  private static BufferedImage scatter(float[] generated, Examples test) {
    float[] real = test.values(0, test.size());
    float[][] range = axes(real, 2);
    BufferedImage image = new BufferedImage(PLOT_SIZE, PLOT_SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blankPlot(image);
    dots(g, real, range[0], range[1], REAL);
    dots(g, generated, range[0], range[1], GENERATED);
    g.dispose();
    return image;
  }

  /**
   * Per coordinate of {@code dims}, the held-out points' range with a margin: {@code {lo, hi}}.
   * Axes fit the held-out points, so that a diverged generator cannot squash them.
   */
  private static float[][] axes(float[] real, int dims) {
    float[] lo = new float[dims];
    float[] hi = new float[dims];
    Arrays.fill(lo, Float.MAX_VALUE);
    Arrays.fill(hi, -Float.MAX_VALUE);
    for (int i = 0; i < real.length; i++) {
      lo[i % dims] = Math.min(lo[i % dims], real[i]);
      hi[i % dims] = Math.max(hi[i % dims], real[i]);
    }
    for (int j = 0; j < dims; j++) {
      float margin = 0.25f * Math.max(hi[j] - lo[j], 1e-3f);
      lo[j] -= margin;
      hi[j] += margin;
    }
    return new float[][] {lo, hi};
  }

  private static Graphics2D blankPlot(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, PLOT_SIZE, PLOT_SIZE);
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(1));
    g.drawRect(0, 0, PLOT_SIZE - 1, PLOT_SIZE - 1);
    return g;
  }

  /** Histograms of held-out (blue) and generated (orange) 1-D points, as densities. */
  private static BufferedImage histograms(float[] generated, Examples test) {
    float[] real = test.values(0, test.size());
    float[][] range = axes(real, 1);
    double[] realDensity = density(real, range[0][0], range[1][0]);
    double[] fakeDensity = density(generated, range[0][0], range[1][0]);
    double top = 1.1 * Math.max(max(realDensity), max(fakeDensity));
    BufferedImage image = new BufferedImage(PLOT_SIZE, PLOT_SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blankPlot(image);
    bars(g, realDensity, top, REAL);
    bars(g, fakeDensity, top, GENERATED);
    g.dispose();
    return image;
  }

  private static double[] density(float[] values, float lo, float hi) {
    double[] bins = new double[BINS];
    for (float v : values) {
      int bin = (int) Math.floor((v - lo) / (hi - lo) * BINS);
      if (bin >= 0 && bin < BINS) {
        bins[bin] += 1.0 / values.length;
      }
    }
    return bins;
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  private static void bars(Graphics2D g, double[] bins, double top, Color color) {
    g.setColor(color);
    int width = PLOT_SIZE / BINS;
    for (int b = 0; b < BINS; b++) {
      int height = (int) Math.round(bins[b] / top * PLOT_SIZE);
      g.fillRect(b * width, PLOT_SIZE - height, width, height);
    }
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
