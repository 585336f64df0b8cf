package io.gantry.worker.data;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the classes of a labelled data set are called, in label order: Fashion-MNIST's ten names
 * (Xiao et al. 2017's table, lower case, spaces and slashes as {@code _} so that a name is one word
 * in an expression), and for any other labelled set the class indices themselves.
 */
public final class ClassNames {

  /** Fashion-MNIST's labels 0 to 9. */
  public static final List<String> FASHION_MNIST =
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

  private ClassNames() {}

  /** "0", "1", ... for a set of {@code classes} classes without names. */
  public static List<String> indices(int classes) {
    return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
  }
}
