package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AurocTest {

  @Test
  void perfectSeparationIsOneAndReversedIsZero() {
    float[] high = {5, 6, 7};
    float[] low = {1, 2, 3, 4};
    assertEquals(1.0, Auroc.of(high, low));
    assertEquals(0.0, Auroc.of(low, high));
  }

  @Test
  void matchesTheShareOfPairsOrderedRightCountedByHand() {
    float[] positives = {3f, 0.5f, 2.5f};
    float[] negatives = {1f, 2f, 2.7f};
    // 3 beats 1, 2, 2.7; 0.5 beats none; 2.5 beats 1, 2: 5 of 9 pairs
    assertEquals(5.0 / 9, Auroc.of(positives, negatives), 1e-12);
  }

  @Test
  void tiesCountHalf() {
    assertEquals(0.5, Auroc.of(new float[] {1, 1}, new float[] {1, 1, 1}));
    // 2 beats 1 (1 pair), ties the other 2 (0.5 each); 1 ties 1 (0.5), loses to the 2s
    assertEquals((1 + 0.5 + 0.5 + 0.5) / 6, Auroc.of(new float[] {2, 1}, new float[] {1, 2, 2}), 1e-12);
  }

  @Test
  void agreesWithCountingEveryPairOnRandomScoresWithTies() {
    Random random = new Random(3);
    float[] positives = new float[200];
    float[] negatives = new float[150];
    for (int i = 0; i < positives.length; i++) {
      positives[i] = random.nextInt(20) + 3;
    }
    for (int i = 0; i < negatives.length; i++) {
      negatives[i] = random.nextInt(20);
    }
    double pairs = 0;
    for (float p : positives) {
      for (float n : negatives) {
        pairs += p > n ? 1 : p == n ? 0.5 : 0;
      }
    }
    assertEquals(pairs / (positives.length * negatives.length), Auroc.of(positives, negatives), 1e-12);
  }

  @Test
  void refusesEmptySetsAndNaN() {
    assertThrows(IllegalArgumentException.class, () -> Auroc.of(new float[0], new float[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Auroc.of(new float[] {Float.NaN}, new float[] {1}));
  }
}
