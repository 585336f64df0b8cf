package io.gantry.worker.eval;

import io.gantry.worker.data.Moments;
import java.util.Random;

/**
 * The standard error of an FID that comes from the finite set of generated images: the spread of
 * the FIDs of bootstrap resamples of the generated features (drawn with replacement, as many as
 * there are) against the same real moments. The real set is the same for every trial of a sweep,
 * so its own sampling noise cancels when two trials are compared and is left out. Two trials
 * whose FIDs differ by less than about twice their combined standard error cannot be told apart
 * by this measurement.
 */
final class FidNoise {

  private FidNoise() {}

  /** The bootstrap standard deviation over {@code resamples} resamples of {@code generated}. */
  static double standardError(Moments real, FeatureRows generated, int resamples, Random random) {
    if (resamples < 2) {
      throw new IllegalArgumentException("a spread needs at least 2 resamples, got " + resamples);
    }
    FrechetDistance fromReal = FrechetDistance.from(real);
    int n = generated.count();
    double[] fids = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      // A resample as the number of times each row is drawn: about a third are never drawn.
      int[] counts = new int[n];
      for (int i = 0; i < n; i++) {
        counts[random.nextInt(n)]++;
      }
      MomentAccumulator resampled = new MomentAccumulator(generated.dims());
      resampled.add(generated.values(), counts);
      fids[r] = fromReal.to(resampled.moments());
    }
    return Spread.of(fids).std();
  }
}
