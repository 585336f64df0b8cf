package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Class coverage against histograms worked out by hand. */
class ClassCoverageTest {

  @Test
  void entropyIsNormalisedAndHalfAFairShareCounts() {
    // Shares 1/2, 1/4, 1/4, 0: entropy 1.5 ln 2 over ln 4; fair share 1/4, half of it 1/8.
    ClassCoverage coverage = ClassCoverage.of(new int[] {0, 0, 1, 2}, 4);
    assertEquals(0.75, coverage.entropy(), 1e-12);
    assertEquals(3, coverage.covered());
  }

  @Test
  void uniformIsOneAndCollapsedIsZero() {
    ClassCoverage uniform = ClassCoverage.of(new int[] {2, 0, 1, 1, 0, 2}, 3);
    assertEquals(1, uniform.entropy(), 1e-12);
    assertEquals(3, uniform.covered());
    ClassCoverage collapsed = ClassCoverage.of(new int[] {4, 4, 4}, 10);
    assertEquals(0, collapsed.entropy(), 1e-12);
    assertEquals(1, collapsed.covered());
  }
}
