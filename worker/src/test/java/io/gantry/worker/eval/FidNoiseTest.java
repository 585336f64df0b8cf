package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.worker.data.Moments;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap standard error of FID against what it estimates: the spread of FIDs over
 * independent generated sets of the same size, from a known distribution.
 */
class FidNoiseTest {

  private static final int DIMS = 4;

  @Test
  void theBootstrapSpreadMatchesTheSpreadOverIndependentDraws() {
    Random random = new Random(7);
    Moments real = Moments.of(gaussian(20_000, 0, random), DIMS);
    int draws = 300;
    int size = 200;
    double[] fids = new double[draws];
    for (int d = 0; d < draws; d++) {
      MomentAccumulator moments = new MomentAccumulator(DIMS);
      moments.add(gaussian(size, 0.5, random));
      fids[d] = FrechetDistance.between(real, moments.moments());
    }
    double trueSpread = spread(fids);
    double bootstrapped = 0;
    int sets = 20;
    for (int s = 0; s < sets; s++) {
      FeatureRows generated = new FeatureRows(gaussian(size, 0.5, random), DIMS);
      bootstrapped += FidNoise.standardError(real, generated, 10, random) / sets;
    }
    assertTrue(
        bootstrapped > 0.75 * trueSpread && bootstrapped < 1.33 * trueSpread,
        "bootstrap " + bootstrapped + " against the spread over independent draws " + trueSpread);
  }

  @Test
  void aSetOfOneRepeatedRowHasNoSpread() {
    float[] same = new float[50 * DIMS];
    for (int i = 0; i < same.length; i++) {
      same[i] = i % DIMS;
    }
    Moments real = Moments.of(gaussian(100, 0, new Random(1)), DIMS);
    assertEquals(0, FidNoise.standardError(real, new FeatureRows(same, DIMS), 5, new Random(2)), 1e-9);
  }

  /** {@code n} rows of N(shift, I), one after another. */
  private static float[] gaussian(int n, double shift, Random random) {
    float[] rows = new float[n * DIMS];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) (shift + random.nextGaussian());
    }
    return rows;
  }

  private static double spread(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.length;
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }
}
