package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The conditional generator's class accuracy on labels chosen by hand. */
class ClassAccuracyTest {

  @Test
  void isTheShareOfImagesClassifiedAsTheirIntendedClass() {
    assertEquals(0.75, ClassAccuracy.of(new int[] {0, 1, 2, 0}, new int[] {0, 1, 2, 3}), 1e-12);
  }

  @Test
  void refusesListsOfDifferentLengths() {
    assertThrows(IllegalArgumentException.class, () -> ClassAccuracy.of(new int[2], new int[3]));
  }
}
