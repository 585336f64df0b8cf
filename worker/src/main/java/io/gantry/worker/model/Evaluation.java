package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.Moments;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Evaluation steps the recipes share. */
final class Evaluation {

  // Bounds the native memory of an evaluation pass whatever the size of the held-out set.
  private static final int CHUNK = 1000;

  // The sample covariance of 10,000 draws is within ~0.06 of the truth for the 2-D Gaussian,
  // well inside the tolerances the metrics are read with; 1,000 draws would give ~0.2.
  private static final int MOMENT_SAMPLES = 10_000;

  private Evaluation() {}

  /**
   * The mean over {@code test} of per-example values: {@code perExample} maps a chunk of examples
   * to one {@code (n)} array per metric name.
   */
  static Map<String, Double> meanOverExamples(
      Examples test, NDManager manager, Function<Batch, Map<String, NDArray>> perExample) {
    return meanOverExamples(test, manager, CHUNK, perExample);
  }

  /** {@link #meanOverExamples} in chunks of {@code chunkSize} examples, for costly metrics. */
  static Map<String, Double> meanOverExamples(
      Examples test,
      NDManager manager,
      int chunkSize,
      Function<Batch, Map<String, NDArray>> perExample) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (int from = 0; from < test.size(); from += chunkSize) {
      try (NDManager chunk = manager.newSubManager()) {
        Batch rows = test.slice(chunk, from, Math.min(test.size(), from + chunkSize));
        perExample
            .apply(rows)
            .forEach(
                (name, values) -> sums.merge(name, (double) values.sum().getFloat(), Double::sum));
      }
    }
    sums.replaceAll((name, sum) -> sum / test.size());
    return sums;
  }

  /**
   * {@code val/mean_error} and {@code val/cov_error} of the recipe's samples against {@code truth}.
   */
  static Map<String, Double> momentErrors(ModelRecipe recipe, Moments truth, NDManager manager) {
    float[] points = recipe.samples(MOMENT_SAMPLES, manager).toFloatArray();
    Moments drawn = Moments.of(points, truth.mean().length);
    return Map.of("val/mean_error", drawn.meanError(truth), "val/cov_error", drawn.covError(truth));
  }
}
