package io.gantry.orchestrator.sweep;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A bound a trial's metric must meet for the trial to count as feasible, such as {@code {metric:
 * val/d_real, max: 0.9}}: its latest value at least {@code min} and at most {@code max}, each where
 * given. A trial without the metric is not feasible.
 */
public record MetricConstraint(String metric, OptionalDouble min, OptionalDouble max) {

  public MetricConstraint {
    Objects.requireNonNull(metric, "metric");
    if (min.isEmpty() && max.isEmpty()) {
      throw new IllegalArgumentException("a constraint on " + metric + " needs min or max");
    }
  }
}
