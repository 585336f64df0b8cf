package io.gantry.orchestrator.coordinator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial's numeric parameters as metrics, {@code hp/NAME}, for the trials whose parameters change
 * as they train (pbt members, replays): recorded as a trial first starts and at each change's step,
 * so that a schedule shows as curves here and in MLflow, whose params never change.
 */
final class Hyperparameters {

  /** The prefix of the metrics that hold a trial's parameters over time. */
  static final String PREFIX = "hp/";

  private Hyperparameters() {}

  /** {@code names}' values in {@code params}, those that are numbers; listed strings are not numbers MLflow can plot. */
  static Map<String, Double> asMetrics(Collection<String> names, Map<String, Object> params) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String name : names) {
      if (params.get(name) instanceof Number number) {
        metrics.put(PREFIX + name, number.doubleValue());
      }
    }
    return metrics;
  }
}
