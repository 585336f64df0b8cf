package io.gantry.orchestrator.sweep;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a sweep sets one hyperparameter: a {@link Fixed} value, a {@link Choice} among listed values,
 * or a {@link Range} to draw from. Values are typed as the model's parameter is: {@code Integer},
 * {@code Double} or {@code String}.
 */
public sealed interface ParameterSpec {

  /**
   * The number of points of the grid over {@code parameters}, or {@link Long#MAX_VALUE} when it has
   * more; throws if a parameter is a continuous range, which has no grid.
   */
  static long gridSize(Collection<ParameterSpec> parameters) {
    long size = 1;
    for (ParameterSpec p : parameters) {
      try {
        size = Math.multiplyExact(size, p.gridPoints());
      } catch (ArithmeticException overflow) {
        return Long.MAX_VALUE;
      }
    }
    return size;
  }

  /** How many values a grid lists for this parameter; throws for a continuous range. */
  long gridPoints();

  /** {@code {value: x}}: every trial uses {@code value}. */
  record Fixed(Object value) implements ParameterSpec {
    public Fixed {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public long gridPoints() {
      return 1;
    }
  }

  /** {@code {values: [a, b, ...]}}: grid search takes each in turn, random search draws one. */
  record Choice(List<Object> values) implements ParameterSpec {
    public Choice {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a choice needs at least one value");
      }
    }

    @Override
    public long gridPoints() {
      return values.size();
    }
  }

  /**
   * {@code {min: a, max: b, distribution: d}}: a draw from {@code [min, max]}. For {@link
   * Distribution#INT_UNIFORM} both bounds are integers and included.
   */
  record Range(Distribution distribution, double min, double max) implements ParameterSpec {
    public Range {
      Objects.requireNonNull(distribution, "distribution");
      if (!(min < max)) {
        throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
      }
      if (distribution == Distribution.LOG_UNIFORM && min <= 0) {
        throw new IllegalArgumentException("log_uniform needs min > 0, got " + min);
      }
      if (distribution == Distribution.INT_UNIFORM
          && (min != Math.rint(min) || max != Math.rint(max))) {
        throw new IllegalArgumentException("int_uniform needs integer bounds");
      }
    }

    /** Whether the range has finitely many values, so grid search can list them. */
    public boolean isDiscrete() {
      return distribution == Distribution.INT_UNIFORM;
    }

    @Override
    public long gridPoints() {
      if (!isDiscrete()) {
        throw new IllegalArgumentException(
            "grid search cannot list a " + distribution.yamlName() + " range");
      }
      return (long) max - (long) min + 1;
    }
  }

  /**
   * The shape of a {@link Range}. Spelt {@code uniform}, {@code int_uniform}, {@code log_uniform}.
   */
  enum Distribution {
    /** Real numbers, evenly spread over {@code [min, max)}. */
    UNIFORM,
    /** Integers, evenly spread over {@code min..max}, both included. */
    INT_UNIFORM,
    /**
     * Real numbers whose logarithm is uniform: as many draws in [1e-4, 1e-3] as in [1e-3, 1e-2].
     */
    LOG_UNIFORM;

    /** The spelling used in sweep files. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
