package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/** Pictures of a generator's latent space: interpolations and, for a conditional one, classes. */
final class LatentGrids {

  private static final int ROWS = 8;
  private static final int COLS = 8;

  private LatentGrids() {}

  /**
   * Each row walks in a straight line from one random z to another; {@code imagesOf} maps {@code
   * (n, latent)} codes to {@code (n, features)} images in [0, 1].
   */
  static ImageGrid interpolation(NDManager manager, int latent, UnaryOperator<NDArray> imagesOf) {
    NDArray from = manager.randomNormal(new Shape(ROWS, 1, latent));
    NDArray to = manager.randomNormal(new Shape(ROWS, 1, latent));
    NDArray t = manager.linspace(0f, 1f, COLS).reshape(1, COLS, 1);
    NDArray z = from.mul(t.neg().add(1)).add(to.mul(t)).reshape(ROWS * COLS, latent);
    return new ImageGrid(ROWS, COLS, imagesOf.apply(z).toFloatArray());
  }

  /**
   * One row per class, the columns sharing one random z each; {@code imagesOf} maps codes and
   * labels to images in [0, 1].
   */
  static ImageGrid classes(
      NDManager manager, int latent, int classes, BiFunction<NDArray, NDArray, NDArray> imagesOf) {
    NDArray z = manager.randomNormal(new Shape(1, COLS, latent)).repeat(0, classes);
    NDArray labels =
        manager.arange(classes).toType(DataType.INT64, false).reshape(classes, 1).repeat(1, COLS);
    NDArray images = imagesOf.apply(z.reshape(classes * COLS, latent), labels.reshape(-1));
    return new ImageGrid(classes, COLS, images.toFloatArray());
  }
}
