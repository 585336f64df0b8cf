package io.gantry.worker.data;

import io.gantry.protocol.trial.DatasetSpec;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the classes of a labelled data set are called, in label order: Fashion-MNIST's ten names
 * ({@link DatasetSpec#FASHION_MNIST_CLASS_NAMES}), and for any other labelled set the class indices
 * themselves.
 */
public final class ClassNames {

  /** Fashion-MNIST's labels 0 to 9. */
  public static final List<String> FASHION_MNIST = DatasetSpec.FASHION_MNIST_CLASS_NAMES;

  private ClassNames() {}

  /** "0", "1", ... for a set of {@code classes} classes without names. */
  public static List<String> indices(int classes) {
    return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
  }
}
