package io.gantry.orchestrator.sweep;

import java.util.Locale;
import java.util.Objects;

/**
 * The metric a sweep optimises, such as {@code val/elbo}, and whether lower or higher is better.
 */
public record MetricGoal(String name, Goal goal) {

  /** Which direction of the metric is better. Spelt {@code minimize} / {@code maximize}. */
  public enum Goal {
    MINIMIZE,
    MAXIMIZE;

    /** The spelling used in sweep files. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public MetricGoal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(goal, "goal");
  }
}
