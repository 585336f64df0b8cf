package io.gantry.worker.model;

import io.gantry.worker.data.Examples;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a model with 2-D codes puts the held-out images, drawn as Makhzani et al. 2015 draw their
 * adversarial autoencoder's codes (figures 2 and 4): each held-out image's code a dot coloured by
 * its class, over grey draws from the prior the codes are pushed towards, with a legend of the
 * classes beside the plot. Without labels every code has one colour and there is no legend. Both
 * axes share one scale, so that a round prior looks round, and span the codes and the prior draws
 * alike: codes far from the prior show as far.
 */
final class CodeScatter {

  /** The artifact kind of the picture. */
  static final String KIND = "codes";

  /**
   * matplotlib's tab10, ten colours told apart at a glance; a set of more classes takes them
   * again from the eleventh.
   */
  static final List<Color> PALETTE =
      List.of(
          new Color(31, 119, 180),
          new Color(255, 127, 14),
          new Color(44, 160, 44),
          new Color(214, 39, 40),
          new Color(148, 103, 189),
          new Color(140, 86, 75),
          new Color(227, 119, 194),
          new Color(127, 127, 127),
          new Color(188, 189, 34),
          new Color(23, 190, 207));

  /** Side of the square plot; the picture is written at twice the size. */
  static final int PLOT = 240;

  /** Width of the legend beside the plot, room for Fashion-MNIST's longest name. */
  static final int LEGEND = 80;

  private static final Color PRIOR = new Color(205, 205, 205);
  private static final int ROW = 11;
  private static final int SWATCH = 7;

  private CodeScatter() {}

  /**
   * The plot of {@code codes}, the 2-D codes of {@code test}'s examples row after row, over {@code
   * draws} from the prior; classes are named by {@code names} in label order.
   */
  static ImageGrid draw(float[] codes, Examples test, List<String> names, float[] draws) {
    TreeSet<Integer> classes = new TreeSet<>();
    if (test.hasLabels()) {
      for (int i = 0; i < codes.length / 2; i++) {
        classes.add(test.label(i));
      }
    }
    int width = classes.isEmpty() ? PLOT : PLOT + LEGEND;
    BufferedImage image = new BufferedImage(width, PLOT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, PLOT);
    g.setColor(Color.LIGHT_GRAY);
    g.drawRect(0, 0, PLOT - 1, PLOT - 1);
    float[] range = range(codes, draws);
    g.setColor(PRIOR);
    for (int i = 0; i + 1 < draws.length; i += 2) {
      dot(g, draws[i], draws[i + 1], range);
    }
    for (int i = 0; i + 1 < codes.length; i += 2) {
      g.setColor(test.hasLabels() ? colour(test.label(i / 2)) : PALETTE.get(0));
      dot(g, codes[i], codes[i + 1], range);
    }
    legend(g, classes, names);
    g.dispose();
    return ImageGrid.picture(image);
  }

  private static Color colour(int label) {
    return PALETTE.get(label % PALETTE.size());
  }

  /** {@code {lo, hi}} over every finite coordinate of both point sets, with a margin. */
  private static float[] range(float[] codes, float[] draws) {
    float lo = Float.MAX_VALUE;
    float hi = -Float.MAX_VALUE;
    for (float[] points : List.of(codes, draws)) {
      for (float v : points) {
        if (Float.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      return new float[] {-1, 1};
    }
    float margin = 0.05f * Math.max(hi - lo, 1e-3f);
    return new float[] {lo - margin, hi + margin};
  }

  // Without antialiasing, so that a dot keeps its class's exact colour.
  private static void dot(Graphics2D g, float x, float y, float[] range) {
    if (!Float.isFinite(x) || !Float.isFinite(y)) {
      return;
    }
    int col = (int) ((x - range[0]) / (range[1] - range[0]) * (PLOT - 1));
    int row = (int) ((range[1] - y) / (range[1] - range[0]) * (PLOT - 1));
    g.fillOval(col - 1, row - 1, 3, 3);
  }

  private static void legend(Graphics2D g, TreeSet<Integer> classes, List<String> names) {
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    int top = 4;
    for (int label : classes) {
      g.setColor(colour(label));
      g.fillRect(PLOT + 5, top + 2, SWATCH, SWATCH);
      g.setColor(Color.BLACK);
      String name = label < names.size() ? names.get(label) : Integer.toString(label);
      g.drawString(name, PLOT + 16, top + 9);
      top += ROW;
    }
  }
}
