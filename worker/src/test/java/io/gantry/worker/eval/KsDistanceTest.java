package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KsDistanceTest {

  @Test
  void knownDistances() {
    float[] a = {1, 2, 3};
    assertEquals(0, KsDistance.between(a, new float[] {3, 1, 2}));
    assertEquals(1, KsDistance.between(a, new float[] {4, 5}));
    // F_a - F_b at 1, 1.5, 2, 2.5, 3: 1/3, 1/12, 5/12, 1/6, 1/2
    assertEquals(0.5, KsDistance.between(a, new float[] {1.5f, 2.5f, 3.5f, 4.5f}), 1e-12);
    assertEquals(0.25, KsDistance.between(new float[] {0, 1, 2, 3}, new float[] {1, 2, 3, 4}));
  }

  @Test
  void tiesJumpTogether() {
    // Both CDFs reach 1/2 at 0 and 1 at 1: read after each jump, they never differ.
    assertEquals(0, KsDistance.between(new float[] {0, 1}, new float[] {0, 0, 1, 1}));
    assertEquals(0.5, KsDistance.between(new float[] {0}, new float[] {0, 1}));
  }

  @Test
  void symmetricAndNearZeroForOneDistribution() {
    Random random = new Random(1);
    float[] a = new float[5000];
    float[] b = new float[5000];
    float[] shifted = new float[5000];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
      b[i] = (float) random.nextGaussian();
      shifted[i] = b[i] + 1;
    }
    double same = KsDistance.between(a, b);
    assertEquals(same, KsDistance.between(b, a));
    // the 0.1% critical value for n = m = 5000 is 1.95 sqrt(2 / 5000) = 0.039
    assertTrue(same < 0.039, "same distribution, distance " + same);
    // N(0, 1) against N(1, 1): 2 Phi(1/2) - 1 = 0.383
    assertEquals(0.383, KsDistance.between(a, shifted), 0.03);
  }

  @Test
  void emptySamplesAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> KsDistance.between(new float[0], new float[] {1}));
  }
}
