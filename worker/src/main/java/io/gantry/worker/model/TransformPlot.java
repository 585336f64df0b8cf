package io.gantry.worker.model;

import io.gantry.worker.data.GaussianMixture;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleUnaryOperator;

/**
 * The picture of sampling by a change of variables: a generator fed 1-D noise z ~ U(0, 1) draws
 * from the mixture exactly when G is the mixture's inverse CDF (or its mirror, {@code
 * F^-1(1 - z)}). The plot shows z on the horizontal axis from 0 to 1, the true {@code F^-1(z)} as
 * a thick grey line and the learned {@code G(z)} as a thin black one over it; the vertical axis
 * spans the mixture's 0.1% to 99.9% quantiles with a margin, and G is clipped to it.
 */
final class TransformPlot {

  /** Values of z the curves are drawn through, evenly spaced inside (0, 1). */
  static final int POINTS = 200;

  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;
  private static final double TAIL = 0.001;

  private TransformPlot() {}

  /** The z values, {@code (i + 0.5) / POINTS}: the inverse CDF is infinite at 0 and 1. */
  static float[] grid() {
    float[] z = new float[POINTS];
    for (int i = 0; i < POINTS; i++) {
      z[i] = (float) ((i + 0.5) / POINTS);
    }
    return z;
  }

  /** The plot of {@code learned} (G at {@link #grid()}) against {@code mixture}'s inverse CDF. */
  static ImageGrid draw(float[] learned, GaussianMixture mixture) {
    float[] z = grid();
    double lo = mixture.inverseCdf(TAIL);
    double hi = mixture.inverseCdf(1 - TAIL);
    double margin = 0.1 * (hi - lo);
    double bottom = lo - margin;
    double top = hi + margin;
    DoubleUnaryOperator y =
        v -> (HEIGHT - 1) * (1 - (clip(v, bottom, top) - bottom) / (top - bottom));
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    Path2D truth = new Path2D.Double();
    Path2D model = new Path2D.Double();
    for (int i = 0; i < POINTS; i++) {
      double x = z[i] * (WIDTH - 1);
      lineTo(truth, i, x, y.applyAsDouble(mixture.inverseCdf(z[i])));
      lineTo(model, i, x, y.applyAsDouble(learned[i]));
    }
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(5));
    g.draw(truth);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.5f));
    g.draw(model);
    g.dispose();
    return ImageGrid.picture(image);
  }

  private static double clip(double v, double lo, double hi) {
    return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
  }

  private static void lineTo(Path2D path, int i, double x, double y) {
    if (i == 0) {
      path.moveTo(x, y);
    } else {
      path.lineTo(x, y);
    }
  }
}
