package io.gantry.protocol.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One hyperparameter a model recipe understands: its type, its default when a sweep leaves it out,
 * the values it takes (the {@link Bounds} of a number, the allowed strings of a {@link
 * Type#CHOICE}), and what it does. The sweep file checker and {@link Hyperparams} both judge values
 * by it, so a value one accepts the other does too.
 */
public record ParamDef(
    String name,
    Type type,
    Object defaultValue,
    List<String> choices,
    Optional<Bounds> bounds,
    String description) {

  public enum Type {
    INT,
    DOUBLE,
    CHOICE
  }

  public ParamDef {
    Objects.requireNonNull(name, "name");
    choices = List.copyOf(choices);
    if (bounds.isPresent() == (type == Type.CHOICE)) {
      throw new IllegalArgumentException(name + ": numbers have bounds, choices do not");
    }
    if (type == Type.INT && !bounds.get().isIntegral()) {
      throw new IllegalArgumentException(name + ": an integer's bounds are integers, included");
    }
    // the fields are not set yet in a compact constructor: ask the bounds, not outOfBounds
    if (type != Type.CHOICE
        && bounds.get().problem(name, ((Number) defaultValue).doubleValue()).isPresent()) {
      throw new IllegalArgumentException(name + ": the default " + defaultValue + " is out of bounds");
    }
  }

  public static ParamDef ofInt(String name, int defaultValue, Bounds bounds, String description) {
    return new ParamDef(name, Type.INT, defaultValue, List.of(), Optional.of(bounds), description);
  }

  public static ParamDef ofDouble(
      String name, double defaultValue, Bounds bounds, String description) {
    return new ParamDef(name, Type.DOUBLE, defaultValue, List.of(), Optional.of(bounds), description);
  }

  public static ParamDef ofChoice(String name, List<String> choices, String description) {
    return new ParamDef(name, Type.CHOICE, choices.get(0), choices, Optional.empty(), description);
  }

  /**
   * Why the number {@code value} is not a value of this parameter, as {@code "is below the least
   * value 1 of k_disc_steps"}, to follow the value as written; empty when it is one.
   */
  public Optional<String> outOfBounds(double value) {
    return bounds.flatMap(b -> b.problem(name, value));
  }

  /** As {@link #outOfBounds}, for an end of a range of values. */
  public Optional<String> rangeEndOutOfBounds(double value) {
    return bounds.flatMap(b -> b.rangeEndProblem(name, value));
  }
}
