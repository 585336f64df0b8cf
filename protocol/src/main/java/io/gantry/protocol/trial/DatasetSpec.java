package io.gantry.protocol.trial;

/**
 * Which data a trial trains on. {@code kind} is {@code fashion-mnist}, {@code idx} (any
 * MNIST-format set by path) or {@code gaussian-2d}. Paths are null for kinds that do not
 * use them; a limit of 0 means the whole split.
 */
public record DatasetSpec(
    String kind,
    String trainImages,
    String trainLabels,
    String testImages,
    String testLabels,
    int trainLimit,
    int testLimit) {

  public static final String FASHION_MNIST = "fashion-mnist";
  public static final String IDX = "idx";
  public static final String GAUSSIAN_2D = "gaussian-2d";

  /** Where Debian's {@code dataset-fashion-mnist} package puts the four IDX files. */
  public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

  public static DatasetSpec named(String kind) {
    return new DatasetSpec(kind, null, null, null, null, 0, 0);
  }

  public DatasetSpec withLimits(int train, int test) {
    return new DatasetSpec(kind, trainImages, trainLabels, testImages, testLabels, train, test);
  }
}
