package io.gantry.worker.data;

import io.gantry.protocol.idx.IdxFile;
import io.gantry.protocol.idx.IdxReader;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.MixtureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

/**
 * Loads the data a {@link DatasetSpec} names. IDX files are kept in a small per-process cache,
 * since a worker runs trial after trial on the same set and decompressing Fashion-MNIST takes about
 * a second.
 */
public final class Datasets {

  /** Folder of Debian's {@code dataset-fashion-mnist}; the system property overrides it. */
  public static final String FASHION_MNIST_DIR_PROPERTY = "gantry.fashion-mnist.dir";

  private static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
  private static final int GAUSSIAN_POINTS = 1000;
  // Ten times d2l's count: the KS distance of two samples of n points each has a noise floor near
  // 1.2 / sqrt(n), 0.012 here, below any distance worth telling apart.
  private static final int MIXTURE_POINTS = 10_000;
  private static final int CACHED_FILES = 6;

  private record CacheKey(Path path, long size, FileTime modified) {}

  // Six entries hold the images, labels and paired inputs of both splits of one set, or
  // Fashion-MNIST's four files and two of another set: about 110 MB at most for MNIST-sized sets.
  private static final Map<CacheKey, IdxFile> CACHE =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, IdxFile> eldest) {
          return size() > CACHED_FILES;
        }
      };

  private Datasets() {}

  /**
   * The train and test examples of {@code spec}. For IDX data the limits take a prefix of each
   * split (0 = all), of the images whose classes are not excluded; the excluded classes' test
   * images, as many as the test limit allows, are the outliers. For generated data the limits
   * give the number of points drawn (0 = 1000 each for {@code gaussian-2d}, 10,000 for {@code
   * mixture-1d}), train and test from two generators derived
   * from {@code seed}, so that a prefix of a larger draw is a smaller draw. A set with paired
   * inputs reads them as its images, under the same limits and classes.
   */
  public static TrialData load(DatasetSpec spec, long seed) throws IOException {
    if (spec.kind().equals(DatasetSpec.GAUSSIAN_2D)) {
      if (spec.hasOutliers()) {
        throw new IllegalArgumentException("gaussian-2d has no classes to leave out");
      }
      return gaussian(spec, seed);
    }
    if (spec.kind().equals(DatasetSpec.MIXTURE_1D)) {
      return mixture(spec, seed);
    }
    ImageFiles files = imageFiles(spec);
    if (spec.hasOutliers() && (files.trainLabels() == null || files.testLabels() == null)) {
      throw new IllegalArgumentException("classes can be left out only of images with label files, not of " + files.trainImages());
    }
    IntPredicate excluded = spec.excludeClasses()::contains;
    Examples train = read(files.trainImages(), files.trainLabels(), spec.trainLimit(), excluded.negate());
    Examples test = read(files.testImages(), files.testLabels(), spec.testLimit(), excluded.negate());
    if (spec.hasInputs()) {
      Path trainInputs = Path.of(spec.trainInputs());
      Path testInputs = Path.of(spec.testInputs());
      train =
          train.pairedWith(
              inputs(files.trainImages(), trainInputs, files.trainLabels(), spec.trainLimit(), excluded.negate()));
      test =
          test.pairedWith(
              inputs(files.testImages(), testInputs, files.testLabels(), spec.testLimit(), excluded.negate()));
    }
    if (!Arrays.equals(train.exampleShape(), test.exampleShape())) {
      throw new IOException(
          "train images "
              + files.trainImages()
              + " and test images "
              + files.testImages()
              + " differ in size");
    }
    Optional<Examples> outliers = Optional.empty();
    if (spec.hasOutliers()) {
      outliers = Optional.of(read(files.testImages(), files.testLabels(), spec.testLimit(), excluded));
      for (Examples split : List.of(train, test, outliers.get())) {
        if (split.size() == 0) {
          throw new IOException(
              "excluding classes " + spec.excludeClasses() + " of " + files.trainImages() + " leaves a split without images");
        }
      }
    }
    return TrialData.ofImages(train, test, classNames(spec, train, test), outliers);
  }

  private static List<String> classNames(DatasetSpec spec, Examples train, Examples test) {
    if (!(train.hasLabels() && test.hasLabels())) {
      return List.of();
    }
    return spec.kind().equals(DatasetSpec.FASHION_MNIST)
        ? ClassNames.FASHION_MNIST
        : ClassNames.indices(Math.max(train.classes(), test.classes()));
  }

  /**
   * The labelled images {@code spec} names, whole (its limits ignored): what a yardstick such as
   * the FID feature extractor is trained and tested on, so that it does not change with a trial's
   * limits. Empty for data without labels.
   */
  public static Optional<TrialData> wholeLabelled(DatasetSpec spec) throws IOException {
    if (DatasetSpec.isGenerated(spec.kind())) {
      return Optional.empty();
    }
    ImageFiles files = imageFiles(spec);
    if (files.trainLabels() == null || files.testLabels() == null) {
      return Optional.empty();
    }
    // every class: the yardstick is the same whichever classes a trial leaves out
    return Optional.of(load(spec.withLimits(0, 0).excluding(List.of()), 0));
  }

  /**
   * The files of an image set: images and labels, train then test; a label file is null when an
   * {@code idx} spec names none.
   */
  public record ImageFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {}

  /** Where the files of {@code spec}, a {@code fashion-mnist} or {@code idx} spec, are. */
  public static ImageFiles imageFiles(DatasetSpec spec) {
    return switch (spec.kind()) {
      case DatasetSpec.FASHION_MNIST -> {
        Path dir = Path.of(System.getProperty(FASHION_MNIST_DIR_PROPERTY, FASHION_MNIST_DIR));
        yield new ImageFiles(
            orDefault(spec.trainImages(), dir.resolve("train-images-idx3-ubyte.gz")),
            orDefault(spec.trainLabels(), dir.resolve("train-labels-idx1-ubyte.gz")),
            orDefault(spec.testImages(), dir.resolve("t10k-images-idx3-ubyte.gz")),
            orDefault(spec.testLabels(), dir.resolve("t10k-labels-idx1-ubyte.gz")));
      }
      case DatasetSpec.IDX -> {
        if (spec.trainImages() == null || spec.testImages() == null) {
          throw new IllegalArgumentException(
              "dataset kind 'idx' needs the paths of its train and test image files");
        }
        yield new ImageFiles(
            Path.of(spec.trainImages()),
            orDefault(spec.trainLabels(), null),
            Path.of(spec.testImages()),
            orDefault(spec.testLabels(), null));
      }
      default -> throw new IllegalArgumentException("unknown dataset kind '" + spec.kind() + "'");
    };
  }

  private static Examples read(Path images, Path labels, int limit, IntPredicate keepClass)
      throws IOException {
    return labels == null
        ? Examples.ofImages(cached(images), limit)
        : Examples.ofLabelledImages(cached(images), cached(labels), limit, keepClass);
  }

  /**
   * The input images {@code inputs} pairs with {@code images}, the one at each index with the image
   * at that index: read with the images' labels, limit and classes kept, so that they stay in step.
   */
  private static Examples inputs(
      Path images, Path inputs, Path labels, int limit, IntPredicate keepClass) throws IOException {
    IdxFile targets = cached(images);
    IdxFile paired = cached(inputs);
    if (!Arrays.equals(paired.dims(), targets.dims())) {
      throw new IOException(
          "input images "
              + inputs
              + " (dimensions "
              + Arrays.toString(paired.dims())
              + ") do not pair with images "
              + images
              + " (dimensions "
              + Arrays.toString(targets.dims())
              + "): each image needs an input image of its size at its index");
    }
    return read(inputs, labels, limit, keepClass);
  }

  private static TrialData gaussian(DatasetSpec spec, long seed) {
    Examples[] split = draw(spec, seed, GAUSSIAN_POINTS, 2, Gaussian2d::sample);
    return TrialData.ofPoints(split[0], split[1], Optional.of(Gaussian2d.truth()), Optional.empty());
  }

  private static TrialData mixture(DatasetSpec spec, long seed) {
    GaussianMixture mixture =
        new GaussianMixture(spec.mixture() != null ? spec.mixture() : MixtureSpec.DEFAULT);
    Examples[] split = draw(spec, seed, MIXTURE_POINTS, 1, mixture::sample);
    return TrialData.ofPoints(split[0], split[1], Optional.empty(), Optional.of(mixture));
  }

  /** Train and test points of {@code dims} coordinates, {@code fallback} each unless limited. */
  private static Examples[] draw(
      DatasetSpec spec,
      long seed,
      int fallback,
      int dims,
      BiFunction<Random, Integer, float[]> how) {
    Random seeds = new Random(seed);
    Random trainRandom = new Random(seeds.nextLong());
    Random testRandom = new Random(seeds.nextLong());
    return new Examples[] {
      Examples.ofPoints(how.apply(trainRandom, pointCount(spec.trainLimit(), fallback)), dims),
      Examples.ofPoints(how.apply(testRandom, pointCount(spec.testLimit(), fallback)), dims)
    };
  }

  private static int pointCount(int limit, int fallback) {
    return limit > 0 ? limit : fallback;
  }

  private static Path orDefault(String path, Path fallback) {
    return path == null ? fallback : Path.of(path);
  }

  private static IdxFile cached(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new IOException("IDX file " + absolute + " does not exist or is not a file");
    }
    CacheKey key =
        new CacheKey(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute));
    synchronized (CACHE) {
      IdxFile file = CACHE.get(key);
      if (file == null) {
        file = IdxReader.read(absolute);
        CACHE.put(key, file);
      }
      return file;
    }
  }
}
