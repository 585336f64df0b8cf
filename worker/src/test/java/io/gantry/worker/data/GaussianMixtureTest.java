package io.gantry.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.MixtureSpec;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

  private static final MixtureSpec SKEWED =
      new MixtureSpec(List.of(0.2, 0.8), List.of(-3.0, 1.0), List.of(0.5, 2.0));

  @Test
  void drawsHaveTheMixturesMoments() {
    GaussianMixture mixture = new GaussianMixture(SKEWED);
    // mean 0.2 (-3) + 0.8 (1) = 0.2; second moment 0.2 (0.25 + 9) + 0.8 (4 + 1) = 5.85
    assertEquals(0.2, mixture.mean(), 1e-12);
    assertEquals(5.85 - 0.04, mixture.variance(), 1e-12);
    float[] points = mixture.sample(new Random(5), 100_000);
    double mean = 0;
    double square = 0;
    int below = 0;
    for (float p : points) {
      mean += p / (double) points.length;
      square += p * (double) p / points.length;
      below += p < -1.5 ? 1 : 0;
    }
    // standard errors: 0.008 for the mean, 0.03 for the variance
    assertEquals(mixture.mean(), mean, 0.04);
    assertEquals(mixture.variance(), square - mean * mean, 0.12);
    // below -1.5: the first component up to 3 of its stds, the second from 1.25 of its
    double share = (double) below / points.length;
    assertEquals(mixture.cdf(-1.5), share, 0.005);
    assertEquals(0.2 * 0.99865 + 0.8 * 0.10565, mixture.cdf(-1.5), 1e-5);
  }

  @Test
  void inverseCdfUndoesTheCdf() {
    GaussianMixture mixture = new GaussianMixture(MixtureSpec.DEFAULT);
    for (double u : new double[] {0.001, 0.1, 0.3, 0.5, 0.9, 0.999}) {
      assertEquals(u, mixture.cdf(mixture.inverseCdf(u)), 1e-7);
    }
    // one component: the inverse CDF is the normal quantile, 1.959964 stds at 0.975
    MixtureSpec twice = new MixtureSpec(List.of(0.5, 0.5), List.of(1.0, 1.0), List.of(2.0, 2.0));
    GaussianMixture single = new GaussianMixture(twice);
    assertEquals(1 + 2 * 1.959964, single.inverseCdf(0.975), 1e-5);
  }

  @Test
  void datasetDrawsOneDimensionalPointsFromTheSeed() throws IOException {
    DatasetSpec spec = DatasetSpec.named(DatasetSpec.MIXTURE_1D).withMixture(SKEWED);
    TrialData data = Datasets.load(spec, 7);
    assertEquals(10_000, data.train().size());
    assertEquals(10_000, data.test().size());
    assertEquals(1, data.train().features());
    assertFalse(data.train().isImage());
    assertEquals(0.2, data.mixture().orElseThrow().mean(), 1e-12);
    assertTrue(data.truth().isEmpty());
    TrialData again = Datasets.load(spec.withLimits(100, 50), 7);
    assertArrayEquals(data.train().values(0, 100), again.train().values(0, 100));
    assertEquals(50, again.test().size());
  }
}
