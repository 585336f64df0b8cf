package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Precision and recall of k-nearest-neighbour manifolds on points placed by hand. */
class KnnManifoldTest {

  // Real {0, 1, 2, 3}: with k = 1 every radius is 1. Generated {2.5, 3, 3.5, 10}: radii 0.5, 0.5,
  // 0.5 and 6.5 (10's nearest is 3.5).
  private static final FeatureRows REAL = new FeatureRows(new float[] {0, 1, 2, 3}, 1);
  private static final FeatureRows GENERATED = new FeatureRows(new float[] {2.5f, 3, 3.5f, 10}, 1);

  @Test
  void precisionCountsGeneratedPointsInsideTheRealBalls() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // 2.5, 3 and 3.5 lie within 1 of a real point, 10 does not.
      assertEquals(0.75, KnnManifold.of(REAL, 1, manager).shareInside(GENERATED, manager), 1e-12);
    }
  }

  @Test
  void recallCountsRealPointsInsideTheGeneratedBalls() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // 2 (0.5 from 2.5) and 3 are inside; 0 and 1 are farther than 6.5 from 10 and than 0.5 from
      // the rest.
      assertEquals(0.5, KnnManifold.of(GENERATED, 1, manager).shareInside(REAL, manager), 1e-12);
    }
  }

  @Test
  void largerKWidensTheBalls() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // k = 3: each generated point's third neighbour is 6.5 to 7.5 away: every real point is in.
      assertEquals(1, KnnManifold.of(GENERATED, 3, manager).shareInside(REAL, manager), 1e-12);
    }
  }
}
