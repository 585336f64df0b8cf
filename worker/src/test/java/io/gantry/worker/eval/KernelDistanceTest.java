package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** KID's unbiased MMD² and its subset average against values worked out by hand. */
class KernelDistanceTest {

  @Test
  void matchesHandComputedValuesInOneAndTwoDimensions() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // d = 1, k(a, b) = (ab + 1)^3; x = {0, 1}, y = {1, 2}: within x the one distinct pair gives
      // k(0, 1) = 1, within y k(1, 2) = 27, across (1 + 1 + 8 + 27) / 4 = 9.25: 1 + 27 - 18.5.
      assertEquals(
          9.5,
          KernelDistance.unbiasedMmd2(
              manager.create(new float[][] {{0}, {1}}), manager.create(new float[][] {{1}, {2}})),
          1e-12);
      // d = 2: k(e1, e2) = 1; k((1,1), (1,1)) = (2/2 + 1)^3 = 8; across (1/2 + 1)^3 = 3.375.
      assertEquals(
          1 + 8 - 2 * 3.375,
          KernelDistance.unbiasedMmd2(
              manager.create(new float[][] {{1, 0}, {0, 1}}),
              manager.create(new float[][] {{1, 1}, {1, 1}})),
          1e-12);
    }
  }

  @Test
  void subsetsAsLargeAsBothSetsAllGiveTheWholeEstimate() {
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureRows x = new FeatureRows(new float[] {0, 1}, 1);
      FeatureRows y = new FeatureRows(new float[] {2, 1}, 1);
      Spread kid = KernelDistance.between(x, y, 5, 1000, new Random(1), manager);
      assertEquals(9.5, kid.mean(), 1e-12);
      assertEquals(0, kid.std(), 1e-12);
    }
  }
}
