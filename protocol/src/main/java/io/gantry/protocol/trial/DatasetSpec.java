package io.gantry.protocol.trial;

import java.util.List;

/**
 * Which data a trial trains on. {@code kind} is {@code fashion-mnist}, {@code idx} (any
 * MNIST-format set by path), {@code gaussian-2d} or {@code mixture-1d}. Paths are null for kinds
 * that do not use them; a limit of 0 means the whole split (for generated data, a default count).
 * {@code mixture} is the mixture of {@code mixture-1d}, null for every other kind. {@code
 * excludeClasses} are labels left out of the training split and of the held-out images the usual
 * metrics see; their test images are kept apart as outliers, for {@code val/outlier_auroc}. An
 * {@code idx} set may pair each image with an input image of the same size, from {@code
 * trainInputs} and {@code testInputs} (both null otherwise): pix2pix's {@code task: paired}
 * translates those into the images.
 */
public record DatasetSpec(
    String kind,
    String trainImages,
    String trainLabels,
    String testImages,
    String testLabels,
    String trainInputs,
    String testInputs,
    int trainLimit,
    int testLimit,
    MixtureSpec mixture,
    List<Integer> excludeClasses) {

  public static final String FASHION_MNIST = "fashion-mnist";
  public static final String IDX = "idx";
  public static final String GAUSSIAN_2D = "gaussian-2d";
  public static final String MIXTURE_1D = "mixture-1d";

  /** Where Debian's {@code dataset-fashion-mnist} package puts the four IDX files. */
  public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

  /** Fashion-MNIST's classes, labelled 0 (T-shirt/top) to 9 (ankle boot). */
  public static final int FASHION_MNIST_CLASSES = 10;

  /**
   * What Fashion-MNIST's labels 0 to 9 are called: Xiao et al. 2017's table, lower case, spaces and
   * slashes as {@code _} so that a name is one word in an expression or a sweep file.
   */
  public static final List<String> FASHION_MNIST_CLASS_NAMES =
      List.of(
          "t_shirt",
          "trouser",
          "pullover",
          "dress",
          "coat",
          "sandal",
          "shirt",
          "sneaker",
          "bag",
          "ankle_boot");

  public DatasetSpec {
    // null when a spec from before exclude_classes arrives over the wire
    excludeClasses = excludeClasses == null ? List.of() : List.copyOf(excludeClasses);
  }

  public static DatasetSpec named(String kind) {
    return new DatasetSpec(
        kind, null, null, null, null, null, null, 0, 0, MIXTURE_1D.equals(kind) ? MixtureSpec.DEFAULT : null, List.of());
  }

  /** The image files of an {@code idx} set, the whole of each split, no class left out. */
  public static DatasetSpec idx(String trainImages, String trainLabels, String testImages, String testLabels) {
    return new DatasetSpec(
        IDX, trainImages, trainLabels, testImages, testLabels, null, null, 0, 0, null, List.of());
  }

  /** Whether data of {@code kind} are points Gantry generates rather than image files. */
  public static boolean isGenerated(String kind) {
    return GAUSSIAN_2D.equals(kind) || MIXTURE_1D.equals(kind);
  }

  /** This set with each image paired with the input image at its index in {@code train} or {@code test}. */
  public DatasetSpec withInputs(String train, String test) {
    return new DatasetSpec(
        kind, trainImages, trainLabels, testImages, testLabels, train, test, trainLimit, testLimit, mixture, excludeClasses);
  }

  public DatasetSpec withLimits(int train, int test) {
    return new DatasetSpec(
        kind, trainImages, trainLabels, testImages, testLabels, trainInputs, testInputs, train, test, mixture, excludeClasses);
  }

  public DatasetSpec withMixture(MixtureSpec given) {
    return new DatasetSpec(
        kind, trainImages, trainLabels, testImages, testLabels, trainInputs, testInputs, trainLimit, testLimit, given, excludeClasses);
  }

  public DatasetSpec excluding(List<Integer> classes) {
    return new DatasetSpec(
        kind, trainImages, trainLabels, testImages, testLabels, trainInputs, testInputs, trainLimit, testLimit, mixture, classes);
  }

  /** Whether each image has an input image paired with it. */
  public boolean hasInputs() {
    return trainInputs != null;
  }

  /** Whether some classes are left out, so that their test images serve as outliers. */
  public boolean hasOutliers() {
    return !excludeClasses.isEmpty();
  }
}
