package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gantry.worker.data.Moments;
import java.util.Locale;

/**
 * The distribution an adversarial autoencoder pushes its codes towards: {@code gaussian}, N(0, I),
 * or {@code mixture}, the paper's ten Gaussians on a circle in the first two coordinates (radius
 * {@value #RADIUS}, spread {@value #SPREAD}; Makhzani et al. 2015, figure 2) with N(0, 1) in any
 * further ones. Draws come from the engine's generator, so a resumed trial draws the same.
 */
enum CodePrior {
  GAUSSIAN,
  MIXTURE;

  static final int COMPONENTS = 10;
  static final float RADIUS = 4f;
  static final float SPREAD = 0.5f;

  static CodePrior named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /**
   * The prior's mean and covariance in {@code dims} coordinates. The mixture's centres are evenly
   * spaced on the circle, so they average to 0 and add {@code RADIUS^2 / 2} to the variance of
   * each of the first two coordinates, with no covariance between them.
   */
  Moments moments(int dims) {
    double[][] cov = new double[dims][dims];
    for (int i = 0; i < dims; i++) {
      cov[i][i] = this == MIXTURE && dims >= 2 && i < 2 ? RADIUS * RADIUS / 2.0 + SPREAD * SPREAD : 1;
    }
    return new Moments(new double[dims], cov);
  }

  /** {@code n} draws of {@code dims} coordinates. */
  NDArray sample(NDManager manager, long n, int dims) {
    NDArray normal = manager.randomNormal(new Shape(n, dims));
    if (this == GAUSSIAN || dims < 2) {
      return normal;
    }
    NDArray component =
        manager
            .randomInteger(0, COMPONENTS, new Shape(n, 1), DataType.INT32)
            .toType(DataType.FLOAT32, false);
    NDArray angle = component.mul(2 * Math.PI / COMPONENTS);
    NDArray centre = angle.cos().concat(angle.sin(), 1).mul(RADIUS);
    NDArray plane = normal.get(":, :2").mul(SPREAD).add(centre);
    return dims == 2 ? plane : plane.concat(normal.get(":, 2:"), 1);
  }
}
