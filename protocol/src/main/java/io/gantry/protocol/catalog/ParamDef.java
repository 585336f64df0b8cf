package io.gantry.protocol.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One hyperparameter a model recipe understands: its type, its default when a sweep leaves it out,
 * the values it takes (the {@link Bounds} of a number, the allowed strings of a {@link
 * Type#CHOICE} or {@link Type#CHOICES}), and what it does. The sweep file checker and {@link Hyperparams} both judge values
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
    /** One of the allowed strings. */
    CHOICE,
    /**
     * One or several distinct allowed strings, joined by {@value ParamDef#JOIN} in the order given
     * ({@code sneaker+sandal}): a value stays one string, as a choice's does, wherever it is kept
     * and shown.
     */
    CHOICES
  }

  /** What joins the strings of a {@link Type#CHOICES} value. */
  public static final String JOIN = "+";

  public ParamDef {
    Objects.requireNonNull(name, "name");
    choices = List.copyOf(choices);
    if (bounds.isPresent() == (type == Type.CHOICE || type == Type.CHOICES)) {
      throw new IllegalArgumentException(name + ": numbers have bounds, choices do not");
    }
    if (type == Type.INT && !bounds.get().isIntegral()) {
      throw new IllegalArgumentException(name + ": an integer's bounds are integers, included");
    }
    // the fields are not set yet in a compact constructor: ask the bounds, not outOfBounds
    if (bounds.isPresent()
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

  /** A parameter of one or several of {@code choices}, the first of them alone by default. */
  public static ParamDef ofChoices(String name, List<String> choices, String description) {
    return new ParamDef(name, Type.CHOICES, choices.get(0), choices, Optional.empty(), description);
  }

  /** The strings of a {@link Type#CHOICES} value, in its order. */
  public static List<String> parts(String value) {
    return List.of(value.split(Pattern.quote(JOIN), -1));
  }

  /**
   * Why {@code parts} are not a {@link Type#CHOICES} value of this parameter, as {@code "sandal is
   * listed twice"}; empty when they are one.
   */
  public Optional<String> choicesProblem(List<String> parts) {
    if (parts.isEmpty()) {
      return Optional.of("names none of " + String.join(", ", choices));
    }
    for (int i = 0; i < parts.size(); i++) {
      if (!choices.contains(parts.get(i))) {
        return Optional.of(parts.get(i) + " is not one of " + String.join(", ", choices));
      }
      if (parts.subList(0, i).contains(parts.get(i))) {
        return Optional.of(parts.get(i) + " is listed twice");
      }
    }
    return Optional.empty();
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
