package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The inputs pix2pix's tasks make from an image, on small images worked out by hand. */
class PairedTaskTest {

  private static final int SIDE = 8;

  @Test
  void edgesAreStrongAlongAStepAndNoneWhereTheImageIsFlat() {
    // left half 0, right half 1: columns 3 and 4 border the step; columns 1 and 6 do not
    float[] pixels = new float[SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i % SIDE >= SIDE / 2 ? 1 : 0;
    }
    float[] edges = input(PairedTask.EDGES, pixels);
    for (int row = 1; row < SIDE - 1; row++) {
      assertEquals(1, edges[row * SIDE + 3], 1e-6, "the gradient 4 is a full edge");
      assertEquals(1, edges[row * SIDE + 4], 1e-6);
      assertEquals(0, edges[row * SIDE + 1], 1e-6);
    }
  }

  @Test
  void inpaintingGreysTheCentreSquareAndKeepsTheRest() {
    float[] pixels = new float[SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i / (float) pixels.length;
    }
    float[] masked = input(PairedTask.INPAINT, pixels);
    for (int row = 0; row < SIDE; row++) {
      for (int col = 0; col < SIDE; col++) {
        int i = row * SIDE + col;
        boolean centre = row >= 2 && row < 6 && col >= 2 && col < 6;
        assertEquals(centre ? 0.5f : pixels[i], masked[i], 1e-6, "pixel " + row + "," + col);
      }
    }
  }

  @Test
  void upscalingKeepsEachBlocksMean() {
    float[] pixels = new float[SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i / SIDE) * 0.1f + (i % SIDE) * 0.01f;
    }
    float[] coarse = input(PairedTask.UPSCALE, pixels);
    // the top-left block: rows 0..3 (mean 0.15) and columns 0..3 (mean 0.015)
    for (int row = 0; row < 4; row++) {
      for (int col = 0; col < 4; col++) {
        assertEquals(0.165f, coarse[row * SIDE + col], 1e-6);
      }
    }
    assertEquals(0.605f, coarse[SIDE * SIDE - 1], 1e-6);
    assertArrayEquals(coarse, input(PairedTask.UPSCALE, coarse), 1e-6f, "a coarse image is its own input");
  }

  @Test
  void upscalingRefusesSidesItCannotShrink() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PairedTask.of("upscale", 30, 30));
    assertTrue(error.getMessage().contains("divisible by 4, got 30x30"), error.getMessage());
  }

  private static float[] input(PairedTask task, float[] pixels) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray images = manager.create(pixels, new Shape(1, pixels.length));
      return task.input(images, SIDE, SIDE).toFloatArray();
    }
  }
}
