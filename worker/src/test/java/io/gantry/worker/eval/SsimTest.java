package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** SSIM against values worked out by hand and its defining properties. */
class SsimTest {

  private static final int SIDE = 12;

  @Test
  void twoFlatImagesGiveTheLuminanceTermAlone() {
    // no variance in either: (2 * 0.01 * 0.03 + C1) / (0.01^2 + 0.03^2 + C1) with C1 = 1e-4, which
    // makes it 0.636 where it would be 0.6 without
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.full(new Shape(1, SIDE * SIDE), 0.01f);
      NDArray b = manager.full(new Shape(1, SIDE * SIDE), 0.03f);
      assertEquals(0.0007 / 0.0011, Ssim.perImage(a, b, SIDE, SIDE).getFloat(0), 1e-4);
    }
  }

  @Test
  void equalImagesScoreOneInvertedOnesBelowZeroAndTheScoreIsSymmetric() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(1);
      NDArray a = manager.randomUniform(0, 1, new Shape(3, SIDE * SIDE));
      NDArray b = manager.randomUniform(0, 1, new Shape(3, SIDE * SIDE));
      NDArray same = Ssim.perImage(a, a, SIDE, SIDE);
      for (float value : same.toFloatArray()) {
        assertEquals(1, value, 1e-5);
      }
      for (float value : Ssim.perImage(a, a.neg().add(1), SIDE, SIDE).toFloatArray()) {
        assertTrue(value < -0.5, "inverted: " + value);
      }
      float[] ab = Ssim.perImage(a, b, SIDE, SIDE).toFloatArray();
      float[] ba = Ssim.perImage(b, a, SIDE, SIDE).toFloatArray();
      for (int i = 0; i < ab.length; i++) {
        assertEquals(ab[i], ba[i], 1e-6);
        assertTrue(Math.abs(ab[i]) < 0.2, "unrelated noise: " + ab[i]);
      }
    }
  }
}
