package io.gantry.worker.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The structural similarity of two images (Wang et al. 2004), computed as scikit-image's {@code
 * structural_similarity} computes it by default for images in [0, 1]: means, variances and the
 * covariance over a uniform 7x7 window (sample variances, divided by 48), K1 = 0.01, K2 = 0.03,
 * and the mean of the SSIM map over the windows that lie wholly inside the image. 1 for equal
 * images, near 0 for unrelated ones, below 0 for inverted structure.
 */
public final class Ssim {

  private static final int WINDOW = 7;
  private static final double C1 = 0.01 * 0.01;
  private static final double C2 = 0.03 * 0.03;
  private static final double SAMPLE_CORRECTION = WINDOW * WINDOW / (WINDOW * WINDOW - 1.0);

  private Ssim() {}

  /**
   * The SSIM of each pair of images, {@code (n)}, for {@code a} and {@code b} of {@code (n, rows
   * * cols)} in [0, 1]; the sides must be at least 7.
   */
  public static NDArray perImage(NDArray a, NDArray b, int rows, int cols) {
    if (rows < WINDOW || cols < WINDOW) {
      throw new IllegalArgumentException(
          "SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got " + rows + "x" + cols);
    }
    long n = a.getShape().get(0);
    // in doubles, as scikit-image computes: a variance is a small difference of large means
    NDArray x = a.reshape(n, 1, rows, cols).toType(DataType.FLOAT64, false);
    NDArray y = b.reshape(n, 1, rows, cols).toType(DataType.FLOAT64, false);
    NDArray meanX = windowMean(x);
    NDArray meanY = windowMean(y);
    NDArray varX = windowMean(x.mul(x)).sub(meanX.mul(meanX)).mul(SAMPLE_CORRECTION);
    NDArray varY = windowMean(y.mul(y)).sub(meanY.mul(meanY)).mul(SAMPLE_CORRECTION);
    NDArray cov = windowMean(x.mul(y)).sub(meanX.mul(meanY)).mul(SAMPLE_CORRECTION);
    NDArray numerator = meanX.mul(meanY).mul(2).add(C1).mul(cov.mul(2).add(C2));
    NDArray denominator =
        meanX.mul(meanX).add(meanY.mul(meanY)).add(C1).mul(varX.add(varY).add(C2));
    return numerator.div(denominator).reshape(n, -1).mean(new int[] {1}).toType(DataType.FLOAT32, false);
  }

  private static NDArray windowMean(NDArray images) {
    return Pool.avgPool2d(
        images, new Shape(WINDOW, WINDOW), new Shape(1, 1), new Shape(0, 0), false, true);
  }
}
