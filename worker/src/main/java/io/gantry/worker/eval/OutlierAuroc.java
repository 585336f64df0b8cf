package io.gantry.worker.eval;

import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.worker.data.Examples;
import io.gantry.worker.model.OutlierScore;
import java.util.Map;

/**
 * {@value ModelCatalog#OUTLIER_AUROC}: how well a model's {@link OutlierScore} tells the test
 * images of the classes a trial left out (the positives) from the in-distribution test images, as
 * an {@link Auroc}. Measured on the first {@value #IMAGES} images of each set, which bounds its
 * cost at one forward pass over at most twice that many images.
 */
public final class OutlierAuroc {

  /** Images taken from each of the two sets. */
  public static final int IMAGES = 1000;

  private final Examples inliers;
  private final Examples outliers;

  /** Compares {@code outliers} against {@code inliers}, the first {@value #IMAGES} of each. */
  public OutlierAuroc(Examples inliers, Examples outliers) {
    this.inliers = inliers.prefix(IMAGES);
    this.outliers = outliers.prefix(IMAGES);
  }

  /** The metric for {@code score}; runs with grad mode off, its arrays closed with {@code manager}'s children. */
  public Map<String, Double> measure(OutlierScore score, NDManager manager) {
    return Map.of(
        ModelCatalog.OUTLIER_AUROC, Auroc.of(score.scoresOf(outliers, manager), score.scoresOf(inliers, manager)));
  }
}
