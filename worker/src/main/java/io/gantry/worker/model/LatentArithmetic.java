package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.gantry.worker.data.ClassNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vector arithmetic on class codes (Radford et al. 2016, section 6.3): the codes of the classes an
 * {@link ClassExpression} names are weighted, summed and decoded. Each row of the picture shows the
 * classes of one expression decoded, then the expression: for {@code A - B + C}, A, B, C and A - B
 * + C. Both the per-epoch picture and {@code gantry arithmetic} are drawn here.
 */
public final class LatentArithmetic {

  /** The artifact kind of the picture. */
  public static final String KIND = "arithmetic";

  // Pairs that differ in one trait, moved onto a third class: low top, strap, sleeves.
  private static final List<String> FASHION_MNIST_ROWS =
      List.of(
          "sneaker - sandal + ankle_boot",
          "trouser - dress + coat",
          "pullover - t_shirt + dress",
          "ankle_boot - sneaker + sandal");

  private static final int INDEX_ROWS = 4;

  private LatentArithmetic() {}

  /** The code {@code expression} stands for, {@code (1, dims)}: its weights times the codes. */
  public static NDArray code(ClassExpression expression, NDArray codes) {
    int classes = (int) codes.getShape().get(0);
    return codes
        .getManager()
        .create(expression.weights(classes))
        .reshape(1, classes)
        .matMul(codes);
  }

  /**
   * Per expression, {@link ClassCodes#variants} rows: each term's class decoded, black tiles up to
   * the widest expression's terms, and last the expression's code decoded.
   *
   * @throws IllegalArgumentException if an expression names a class that has no code
   */
  public static ImageGrid grid(
      ClassCodes model, List<ClassExpression> expressions, NDManager manager) {
    NDArray codes = model.codes(manager);
    int cols = expressions.stream().mapToInt(e -> e.terms().size()).max().orElse(0) + 1;
    NDList decoded = new NDList();
    for (ClassExpression expression : expressions) {
      for (ClassExpression.Term term : expression.terms()) {
        if (model.missing().contains(term.classIndex())) {
          throw new IllegalArgumentException(
              "class " + model.names().get(term.classIndex()) + " has no held-out image to take its code from");
        }
        decoded.add(codes.get(term.classIndex()).reshape(1, -1));
      }
      decoded.add(code(expression, codes));
    }
    int variants = model.variants();
    float[] images = model.decode(NDArrays.concat(decoded), manager).toFloatArray();
    int features = images.length / (decoded.size() * variants);
    float[] pixels = new float[expressions.size() * variants * cols * features];
    int first = 0;
    for (int e = 0; e < expressions.size(); e++) {
      int terms = expressions.get(e).terms().size();
      for (int v = 0; v < variants; v++) {
        int row = e * variants + v;
        for (int t = 0; t <= terms; t++) {
          // the expression itself, after its terms, goes in the last column
          int col = t == terms ? cols - 1 : t;
          System.arraycopy(
              images,
              ((first + t) * variants + v) * features,
              pixels,
              (row * cols + col) * features,
              features);
        }
      }
      first += terms + 1;
    }
    return new ImageGrid(expressions.size() * variants, cols, pixels);
  }

  /**
   * The per-epoch picture of the default expressions whose classes all have codes: a few pairs
   * over Fashion-MNIST's names, and {@code i - (i+1) + (i+2)} over class indices; nothing when the
   * model has no codes or fewer than three classes have them.
   */
  public static Map<String, ImageGrid> picture(Optional<ClassCodes> model, NDManager manager) {
    if (model.isEmpty()) {
      return Map.of();
    }
    List<ClassExpression> rows =
        defaults(model.get().names()).stream()
            .filter(e -> e.terms().stream().noneMatch(t -> model.get().missing().contains(t.classIndex())))
            .toList();
    return rows.isEmpty() ? Map.of() : Map.of(KIND, grid(model.get(), rows, manager));
  }

  private static List<ClassExpression> defaults(List<String> names) {
    if (names.equals(ClassNames.FASHION_MNIST)) {
      return FASHION_MNIST_ROWS.stream().map(text -> ClassExpression.parse(text, names)).toList();
    }
    List<ClassExpression> rows = new ArrayList<>();
    for (int i = 0; i + 2 < names.size() && i < INDEX_ROWS; i++) {
      String text = names.get(i) + " - " + names.get(i + 1) + " + " + names.get(i + 2);
      rows.add(ClassExpression.parse(text, names));
    }
    return rows;
  }
}
