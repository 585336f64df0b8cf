package io.gantry.orchestrator.search;

import java.util.List;
import java.util.Map;

/**
 * ZDT1, a standard two-objective test, for search tests: two learning rates of a GAN stand for
 * its x1 and x2, scaled from [0.2, 0.8] to [0, 1]; the names do not matter to the search.
 */
final class Zdt1 {

  private static final String BOTH_METRICS = "metrics: [{name: val/d_fake, goal: minimize}, {name: val/d_real, goal: minimize}]";

  private static final String SWEEP =
      """
      name: zdt1
      model: gan
      dataset: fashion-mnist
      method: METHOD
      METRICS
      budget: {epochs: 1}
      parameters:
        lr_g: {min: 0.2, max: 0.8}
        lr_d: {min: 0.2, max: 0.8}
      """;

  /** What the true front dominates of the box up to (1, 10): 10 - 1/3. */
  static final double BEST_HYPERVOLUME = 9.667;

  private Zdt1() {}

  /** A sweep file of {@code method} with ZDT1's two metrics. */
  static String sweep(String method) {
    return SWEEP.replace("METHOD", method).replace("METRICS", BOTH_METRICS);
  }

  /** A sweep file of {@code method} with ZDT1's first metric alone, x1. */
  static String sweepOfTheFirstMetric(String method) {
    return SWEEP.replace("METHOD", method).replace("METRICS", "metric: {name: val/d_fake, goal: minimize}");
  }

  /** f1 = x1, f2 = g (1 - sqrt(x1 / g)) with g = 1 + 9 x2: the front is x2 = 0. */
  static double[] objectives(Map<String, Object> p) {
    double x1 = ((Double) p.get("lr_g") - 0.2) / 0.6;
    double x2 = ((Double) p.get("lr_d") - 0.2) / 0.6;
    double g = 1 + 9 * x2;
    return new double[] {x1, g * (1 - Math.sqrt(x1 / g))};
  }

  /** How far the constraint x1 >= 0.5 is broken, as the coordinator would tell it. */
  static double violation(double[] objectives) {
    return Math.max(0, 0.5 - objectives[0]);
  }

  /** The area the points dominate inside the box up to (1, 10), the usual score of a 2-D front. */
  static double hypervolume(List<double[]> points) {
    return ParetoRanks.hypervolume2d(points, new double[] {1, 10});
  }
}
