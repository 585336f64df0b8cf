package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.worker.data.Examples;

/**
 * How unlikely a trained model finds each image: the higher the score, the less the image looks
 * like the training data. The VAE's is the negative ELBO (nats), the autoencoders' the mean squared
 * reconstruction error per pixel, a GAN's minus the logit of D(x). Both {@code val/outlier_auroc}
 * and {@code gantry score} rank images by it.
 */
@FunctionalInterface
public interface OutlierScore {

  /** Images per forward pass of {@link #scoresOf}: bounds the memory of the activations. */
  int CHUNK = 500;

  /**
   * One score per row of {@code images}, a {@code (n, features)} array shaped and scaled as the
   * data set's examples, as an {@code (n)} array in the images' manager. Runs with grad mode off.
   */
  NDArray scores(NDArray images);

  /** The score of every example of {@code examples}, in chunks whose arrays close as they go. */
  default float[] scoresOf(Examples examples, NDManager manager) {
    float[] scores = new float[examples.size()];
    for (int from = 0; from < examples.size(); from += CHUNK) {
      int to = Math.min(examples.size(), from + CHUNK);
      try (NDManager chunk = manager.newSubManager()) {
        System.arraycopy(scores(examples.rows(chunk, from, to)).toFloatArray(), 0, scores, from, to - from);
      }
    }
    return scores;
  }
}
