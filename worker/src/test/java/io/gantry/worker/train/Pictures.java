package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Checks on the files a trial writes. */
final class Pictures {

  private Pictures() {}

  static void assertPicture(Path png, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, png + " is not a readable picture");
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
  }

  static void assertNonEmpty(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, file + " missing or empty");
  }
}
