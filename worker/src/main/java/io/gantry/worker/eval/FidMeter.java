package io.gantry.worker.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.Moments;
import io.gantry.worker.data.TrialData;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

/**
 * FID (Heusel et al. 2017) in the feature space of a classifier trained on the data set itself
 * ({@link FeatureClassifier}, kept by {@link ClassifierCache}): the Fréchet distance between the
 * Gaussians fitted to the features of the held-out images and of generated ones. Lower is better; 0
 * means the two feature distributions have the same mean and covariance. Like every FID it is
 * biased upwards by small sample counts, so compare FIDs measured on the same numbers of images.
 *
 * <p>From the same features, with no second pass over the images, the meter also measures KID
 * ({@link KernelDistance}), precision and recall ({@link KnnManifold}), and how the classifier
 * spreads the generated images over the classes ({@link ClassCoverage}, and {@link ClassAccuracy}
 * for a conditional generator). One meter per data set and held-out split is kept per process.
 */
public final class FidMeter {

  // Bounds the native memory of generating and featurising 10,000 images.
  private static final int CHUNK = 500;

  // KID over 50 pairs of subsets of 1,000 images: torch-fidelity and clean-fid take 100, which
  // doubles the cost for a spread that is already well below the differences that matter.
  private static final int KID_SUBSETS = 50;
  private static final int KID_SUBSET_SIZE = 1000;
  private static final long KID_SEED = 2018;

  // Ten resamples put the standard error within about a quarter of itself, enough to tell
  // whether two trials differ by more than their noise.
  private static final int FID_RESAMPLES = 10;
  private static final long FID_NOISE_SEED = 2017;

  private static final Map<String, FidMeter> METERS = new HashMap<>();

  private final FeatureClassifier classifier;
  private final String classifierKey;
  private final double classifierAccuracy;
  private final Examples test;
  private Featurised real;
  private KnnManifold realManifold;

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
   * The sample metrics of {@code count} images drawn by {@code draw} ({@code (n, features)} in [0,
   * 1] for a count and a manager to put them in) against the held-out images, by metric name; a
   * draw of {@code n} images of a conditional generator is of the classes {@code 0, 1, ...,
   * conditionedClasses - 1} in turn, else {@code conditionedClasses} is 0. Call with grad mode off.
   */
  public Map<String, Double> measure(
      int count,
      BiFunction<Integer, NDManager, NDArray> draw,
      int conditionedClasses,
      NDManager manager) {
    if (real == null) {
      real = featurise(test, manager);
      realManifold = manifold(real.rows(), manager);
    }
    Featurised generated = featurise(count, draw, conditionedClasses, manager);
    Map<String, Double> metrics = compare(real, realManifold, generated, manager);
    if (conditionedClasses > 0) {
      metrics.put(
          "val/class_accuracy", ClassAccuracy.of(generated.predicted(), generated.intended()));
    }
    return metrics;
  }

  /** The sample metrics of {@code generated} against {@code real}, as {@link #measure} has them. */
  public Map<String, Double> compare(Examples real, Examples generated, NDManager manager) {
    Featurised reference = featurise(real, manager);
    return compare(
        reference, manifold(reference.rows(), manager), featurise(generated, manager), manager);
  }

  /**
   * How a translation into a domain compares with the domain: the FID of the translations against
   * its held-out images, and how many of them the classifier puts in one of its classes.
   */
  public record Translation(double fid, int inTargetClasses, int count) {}

  /**
   * Judges {@code count} translations drawn by {@code draw} (as for {@link #measure}) against
   * {@code target}, the held-out images of the domain they are meant to land in, whose classes
   * {@code targetClasses} accepts. Call with grad mode off.
   */
  public Translation judgeTranslations(
      Examples target,
      int count,
      BiFunction<Integer, NDManager, NDArray> draw,
      IntPredicate targetClasses,
      NDManager manager) {
    Featurised reference = featurise(target, manager);
    Featurised translated = featurise(count, draw, 0, manager);
    int inTarget = (int) Arrays.stream(translated.predicted()).filter(targetClasses).count();
    return new Translation(
        FrechetDistance.between(reference.moments(), translated.moments()), inTarget, count);
  }

  /**
   * The classifier's features, {@code (n, features)}, of images {@code (n, pixels)} in [0, 1]: the
   * space FID compares in, for telling how alike two generated images are. Call with grad mode off.
   */
  public NDArray featuresOf(NDArray images) {
    return classifier.features(images);
  }

  /** The classifier's features of {@code images}, for tests of the metrics computed from them. */
  FeatureRows features(Examples images, NDManager manager) {
    return featurise(images, manager).rows();
  }

  private Map<String, Double> compare(
      Featurised real, KnnManifold realManifold, Featurised generated, NDManager manager) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("val/fid", FrechetDistance.between(real.moments(), generated.moments()));
    metrics.put(
        "val/fid_std",
        FidNoise.standardError(
            real.moments(), generated.rows(), FID_RESAMPLES, new Random(FID_NOISE_SEED)));
    // A fixed seed: the subsets are part of the metric, not of the trial's randomness.
    Spread kid =
        KernelDistance.between(
            real.rows(),
            generated.rows(),
            KID_SUBSETS,
            KID_SUBSET_SIZE,
            new Random(KID_SEED),
            manager);
    metrics.put("val/kid", kid.mean());
    metrics.put("val/kid_std", kid.std());
    metrics.put("val/precision", realManifold.shareInside(generated.rows(), manager));
    KnnManifold generatedManifold = manifold(generated.rows(), manager);
    metrics.put("val/recall", generatedManifold.shareInside(real.rows(), manager));
    ClassCoverage coverage = ClassCoverage.of(generated.predicted(), classifier.classes());
    metrics.put("val/class_entropy", coverage.entropy());
    metrics.put("val/classes_covered", (double) coverage.covered());
    return metrics;
  }

  /**
   * The k = 3 manifold of {@code rows}; of fewer than 4 rows (FID takes 2) the one with each
   * row's farthest neighbour, rather than refusing the few images a user asked for.
   */
  private static KnnManifold manifold(FeatureRows rows, NDManager manager) {
    return KnnManifold.of(rows, Math.min(KnnManifold.K, rows.count() - 1), manager);
  }

  /** The features of a set of images with their moments and classes, from one forward pass. */
  private record Featurised(FeatureRows rows, Moments moments, int[] predicted, int[] intended) {}

  private Featurised featurise(Examples images, NDManager manager) {
    int[] next = {0};
    return featurise(
        images.size(),
        (n, m) -> {
          NDArray rows = images.rows(m, next[0], next[0] + n);
          next[0] += n;
          return rows;
        },
        0,
        manager);
  }

  private Featurised featurise(
      int count,
      BiFunction<Integer, NDManager, NDArray> draw,
      int conditionedClasses,
      NDManager manager) {
    if (count < 2) {
      throw new IllegalArgumentException("FID needs at least 2 images, got " + count);
    }
    MomentAccumulator accumulator = new MomentAccumulator(FeatureClassifier.FEATURES);
    float[] features = new float[count * FeatureClassifier.FEATURES];
    int[] predicted = new int[count];
    int[] intended = new int[count];
    for (int done = 0; done < count; done += CHUNK) {
      int n = Math.min(CHUNK, count - done);
      try (NDManager chunk = manager.newSubManager()) {
        NDArray chunkFeatures = classifier.features(draw.apply(n, chunk));
        float[] values = chunkFeatures.toFloatArray();
        accumulator.add(values);
        System.arraycopy(values, 0, features, done * FeatureClassifier.FEATURES, values.length);
        long[] classes = classifier.classify(chunkFeatures).toLongArray();
        for (int i = 0; i < n; i++) {
          predicted[done + i] = (int) classes[i];
          // Each draw starts again at class 0.
          intended[done + i] = conditionedClasses > 0 ? i % conditionedClasses : 0;
        }
      }
    }
    return new Featurised(
        new FeatureRows(features, FeatureClassifier.FEATURES),
        accumulator.moments(),
        predicted,
        intended);
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
