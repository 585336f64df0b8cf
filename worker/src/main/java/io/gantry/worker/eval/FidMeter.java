package io.gantry.worker.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.Moments;
import io.gantry.worker.data.TrialData;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * FID (Heusel et al. 2017) in the feature space of a classifier trained on the data set itself
 * ({@link FeatureClassifier}, kept by {@link ClassifierCache}): the Fréchet distance between the
 * Gaussians fitted to the features of the held-out images and of generated ones. Lower is better; 0
 * means the two feature distributions have the same mean and covariance. Like every FID it is
 * biased upwards by small sample counts, so compare FIDs measured on the same numbers of images.
 * One meter per data set and held-out split is kept per process.
 */
public final class FidMeter {

  // Bounds the native memory of generating and featurising 10,000 images.
  private static final int CHUNK = 500;

  private static final Map<String, FidMeter> METERS = new HashMap<>();

  private final FeatureClassifier classifier;
  private final String classifierKey;
  private final double classifierAccuracy;
  private final Examples test;
  private Moments real;

  private FidMeter(ClassifierCache.Entry entry, Examples test) {
    this.classifier = entry.classifier();
    this.classifierKey = entry.key();
    this.classifierAccuracy = entry.accuracy();
    this.test = test;
  }

  /**
   * The meter for data of {@code spec} with held-out examples {@code test}, training the feature
   * extractor first if the cache has none; empty for data without labels. This may train a network
   * and draw from the engine's generator: call it before seeding a trial.
   */
  public static synchronized Optional<FidMeter> forData(
      DatasetSpec spec, Examples test, NDManager manager) throws IOException {
    Optional<TrialData> whole = Datasets.wholeLabelled(spec);
    if (whole.isEmpty()) {
      return Optional.empty();
    }
    String key = spec.withLimits(0, test.size()).toString();
    FidMeter meter = METERS.get(key);
    if (meter == null) {
      meter = new FidMeter(ClassifierCache.load(spec, whole.get(), manager), test);
      METERS.put(key, meter);
    }
    return Optional.of(meter);
  }

  /**
   * FID of {@code count} images drawn by {@code draw} ({@code (n, features)} in [0, 1] for a count
   * and a manager to put them in) against the held-out images; call with grad mode off.
   */
  public double score(int count, BiFunction<Integer, NDManager, NDArray> draw, NDManager manager) {
    if (real == null) {
      real = moments(test, manager);
    }
    return FrechetDistance.between(real, moments(count, draw, manager));
  }

  /** FID between two sets of images, as {@link #score} measures it; for tests and benchmarks. */
  public double between(Examples a, Examples b, NDManager manager) {
    return FrechetDistance.between(moments(a, manager), moments(b, manager));
  }

  private Moments moments(Examples images, NDManager manager) {
    int[] next = {0};
    return moments(
        images.size(),
        (n, m) -> {
          NDArray rows = images.rows(m, next[0], next[0] + n);
          next[0] += n;
          return rows;
        },
        manager);
  }

  private Moments moments(
      int count, BiFunction<Integer, NDManager, NDArray> draw, NDManager manager) {
    if (count < 2) {
      throw new IllegalArgumentException("FID needs at least 2 images, got " + count);
    }
    MomentAccumulator accumulator = new MomentAccumulator(FeatureClassifier.FEATURES);
    for (int done = 0; done < count; done += CHUNK) {
      try (NDManager chunk = manager.newSubManager()) {
        NDArray images = draw.apply(Math.min(CHUNK, count - done), chunk);
        accumulator.add(classifier.features(images).toFloatArray());
      }
    }
    return accumulator.moments();
  }

  /** Test accuracy of the classifier whose features FID compares. */
  public double classifierAccuracy() {
    return classifierAccuracy;
  }

  /** Which feature extractor this is and how good a classifier it is, for provenance. */
  public String describe() {
    return "fid-classifier/" + classifierKey + " (test accuracy " + classifierAccuracy + ")";
  }
}
