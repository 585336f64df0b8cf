package io.gantry.orchestrator.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a stored sweep optimises: its metrics, the first of which ranks trials, and the bounds a
 * trial's metrics must meet for it to count as feasible. How a trial's latest metrics read against
 * them is decided here alone, for the leaderboard, the API and the search strategies.
 *
 * @param metrics one or more, each named once
 * @param constraints none or more
 */
public record Objectives(List<Target> metrics, List<Bound> constraints) {

  /** A metric to optimise and its direction. */
  public record Target(String name, boolean maximize) {

    public Target {
      Objects.requireNonNull(name, "name");
    }

    /** {@code minimize} or {@code maximize}, as sweep files spell it. */
    public String goal() {
      return maximize ? "maximize" : "minimize";
    }

    /** Whether the goal {@code goal}, as sweep files spell it, means higher is better. */
    public static boolean maximizes(String goal) {
      return "maximize".equalsIgnoreCase(goal);
    }
  }

  /** A metric's latest value must be at least {@code min} and at most {@code max}, each where given. */
  public record Bound(String metric, OptionalDouble min, OptionalDouble max) {

    public Bound {
      Objects.requireNonNull(metric, "metric");
    }

    /** How far {@code value} lies outside the bound: 0 inside it, infinite for no finite value. */
    public double violation(Double value) {
      if (value == null || !Double.isFinite(value)) {
        return Double.POSITIVE_INFINITY;
      }
      double below = min.isPresent() ? Math.max(0, min.getAsDouble() - value) : 0;
      double above = max.isPresent() ? Math.max(0, value - max.getAsDouble()) : 0;
      return below + above;
    }
  }

  public Objectives {
    metrics = List.copyOf(metrics);
    constraints = List.copyOf(constraints);
    if (metrics.isEmpty() || metrics.stream().map(Target::name).distinct().count() < metrics.size()) {
      throw new IllegalArgumentException("expected one or more distinct metrics, got " + metrics);
    }
  }

  /** A sweep of one metric and no constraints. */
  public static Objectives single(String metric, boolean maximize) {
    return new Objectives(List.of(new Target(metric, maximize)), List.of());
  }

  /** Whether this is more than one metric alone: several metrics, or constraints. */
  public boolean beyondOneMetric() {
    return metrics.size() > 1 || !constraints.isEmpty();
  }

  /**
   * The values of the metrics in {@code latest}, each turned so that lower is better (a maximised
   * metric's negated), as a Pareto front compares them; empty unless every one is finite.
   */
  public Optional<double[]> lowerIsBetter(Map<String, Double> latest) {
    double[] values = new double[metrics.size()];
    for (int i = 0; i < values.length; i++) {
      Double value = latest.get(metrics.get(i).name());
      if (value == null || !Double.isFinite(value)) {
        return Optional.empty();
      }
      values[i] = metrics.get(i).maximize() ? -value : value;
    }
    return Optional.of(values);
  }

  /** The sum of how far the metrics in {@code latest} lie outside the constraints; 0 when feasible. */
  public double violation(Map<String, Double> latest) {
    return constraints.stream().mapToDouble(c -> c.violation(latest.get(c.metric()))).sum();
  }

  /**
   * {@code {"metrics": [{"name", "goal"}, ...], "constraints": [{"metric", "min", "max"}, ...]}},
   * a bound's missing side left out; the store keeps it so, and {@link #fromJsonMap} reads it back.
   */
  Map<String, Object> toJsonMap() {
    List<Map<String, Object>> bounds =
        constraints.stream()
            .map(
                c -> {
                  Map<String, Object> bound = new LinkedHashMap<>();
                  bound.put("metric", c.metric());
                  c.min().ifPresent(min -> bound.put("min", min));
                  c.max().ifPresent(max -> bound.put("max", max));
                  return bound;
                })
            .toList();
    return Map.of(
        "metrics", metrics.stream().map(m -> Map.of("name", m.name(), "goal", m.goal())).toList(),
        "constraints", bounds);
  }

  @SuppressWarnings("unchecked")
  static Objectives fromJsonMap(Map<String, Object> json) {
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) json.get("metrics");
    List<Map<String, Object>> bounds = (List<Map<String, Object>>) json.get("constraints");
    return new Objectives(
        metrics.stream().map(m -> new Target((String) m.get("name"), Target.maximizes((String) m.get("goal")))).toList(),
        bounds.stream()
            .map(b -> new Bound((String) b.get("metric"), side(b.get("min")), side(b.get("max"))))
            .toList());
  }

  private static OptionalDouble side(Object value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) value).doubleValue());
  }

  /** Whether the metrics in {@code latest} meet every constraint. */
  public boolean feasible(Map<String, Double> latest) {
    return violation(latest) == 0;
  }
}
