package io.gantry.worker.data;

import io.gantry.worker.trial.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Loads the data a {@link DatasetSpec} names. IDX files are kept in a small per-process cache,
 * since a worker runs trial after trial on the same set and decompressing Fashion-MNIST takes
 * about a second.
 */
public final class Datasets {

  /** Folder of Debian's {@code dataset-fashion-mnist}; the system property overrides it. */
  public static final String FASHION_MNIST_DIR_PROPERTY = "gantry.fashion-mnist.dir";

  private static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
  private static final int GAUSSIAN_POINTS = 1000;
  private static final int CACHED_FILES = 4;

  private record CacheKey(Path path, long size, FileTime modified) {}

  // Four entries hold one set's train and test images twice over (say Fashion-MNIST and
  // one other set), about 110 MB of bytes at most for MNIST-sized sets.
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
   * split (0 = all); for {@code gaussian-2d} they give the number of points drawn (0 = 1000
   * each), train and test from two generators derived from {@code seed}, so that a prefix of a
   * larger draw is a smaller draw.
   */
  public static TrialData load(DatasetSpec spec, long seed) throws IOException {
    return switch (spec.kind()) {
      case DatasetSpec.FASHION_MNIST -> {
        Path dir = Path.of(System.getProperty(FASHION_MNIST_DIR_PROPERTY, FASHION_MNIST_DIR));
        yield images(
            orDefault(spec.trainImages(), dir.resolve("train-images-idx3-ubyte.gz")),
            orDefault(spec.testImages(), dir.resolve("t10k-images-idx3-ubyte.gz")),
            spec);
      }
      case DatasetSpec.IDX -> {
        if (spec.trainImages() == null || spec.testImages() == null) {
          throw new IllegalArgumentException(
              "dataset kind 'idx' needs the paths of its train and test image files");
        }
        yield images(Path.of(spec.trainImages()), Path.of(spec.testImages()), spec);
      }
      case DatasetSpec.GAUSSIAN_2D -> gaussian(spec, seed);
      default -> throw new IllegalArgumentException("unknown dataset kind '" + spec.kind() + "'");
    };
  }

  private static TrialData images(Path train, Path test, DatasetSpec spec) throws IOException {
    Examples trainSet = Examples.ofImages(cached(train), spec.trainLimit());
    Examples testSet = Examples.ofImages(cached(test), spec.testLimit());
    if (!Arrays.equals(trainSet.exampleShape(), testSet.exampleShape())) {
      throw new IOException("train images " + train + " and test images " + test
          + " differ in size");
    }
    return new TrialData(trainSet, testSet, Optional.empty());
  }

  private static TrialData gaussian(DatasetSpec spec, long seed) {
    Random seeds = new Random(seed);
    Random trainRandom = new Random(seeds.nextLong());
    Random testRandom = new Random(seeds.nextLong());
    return new TrialData(
        Examples.ofPoints(Gaussian2d.sample(trainRandom, pointCount(spec.trainLimit())), 2),
        Examples.ofPoints(Gaussian2d.sample(testRandom, pointCount(spec.testLimit())), 2),
        Optional.of(Gaussian2d.truth()));
  }

  private static int pointCount(int limit) {
    return limit > 0 ? limit : GAUSSIAN_POINTS;
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
