package io.gantry.orchestrator.tracking;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pictures made smaller for MLflow's image view, which lists thumbnails and opens the full picture. */
final class Thumbnails {

  private Thumbnails() {}

  /**
   * The picture in {@code file} as a PNG that fits in {@code maxSide} x {@code maxSide} pixels,
   * its proportions kept, as MLflow's own {@code log_image} makes its thumbnails (it scales the
   * longer side to the bound, smaller pictures included).
   *
   * @throws IllegalArgumentException if the file is no picture ImageIO reads
   */
  static byte[] png(Path file, int maxSide) throws IOException {
    BufferedImage picture = ImageIO.read(file.toFile());
    if (picture == null) {
      throw new IllegalArgumentException(file + " is not a picture");
    }
    int width = picture.getWidth();
    int height = picture.getHeight();
    int newWidth = width >= height ? maxSide : Math.max(1, width * maxSide / height);
    int newHeight = width >= height ? Math.max(1, height * maxSide / width) : maxSide;
    BufferedImage small = new BufferedImage(newWidth, newHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(picture, 0, 0, newWidth, newHeight, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(small, "png", out);
    return out.toByteArray();
  }
}
