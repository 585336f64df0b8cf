package io.gantry.worker.train;

import java.util.Map;
import java.util.TreeMap;

/**
 * Averages the per-step training metrics between two reports. Each metric is averaged over the
 * steps that measured it, so one measured every k-th step is not diluted by the others.
 */
final class MetricWindow {

  private final Map<String, double[]> sumAndCount = new TreeMap<>();

  void add(Map<String, Float> metrics) {
    metrics.forEach(
        (name, value) -> {
          double[] acc = sumAndCount.computeIfAbsent(name, k -> new double[2]);
          acc[0] += value;
          acc[1] += 1;
        });
  }

  boolean isEmpty() {
    return sumAndCount.isEmpty();
  }

  /** The averages since the last drain, in name order; the window starts empty again. */
  Map<String, Double> drain() {
    Map<String, Double> means = new TreeMap<>();
    sumAndCount.forEach((name, acc) -> means.put(name, acc[0] / acc[1]));
    sumAndCount.clear();
    return means;
  }
}
