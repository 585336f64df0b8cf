package io.gantry.protocol.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved hyperparameters of one trial: the given values checked against {@link ModelCatalog}
 * (unknown names, wrong types and values out of bounds are errors, not silently ignored) and the
 * catalog's defaults for the rest.
 */
public final class Hyperparams {

  private final String model;
  private final Map<String, Object> values;

  private Hyperparams(String model, Map<String, Object> values) {
    this.model = model;
    this.values = values;
  }

  /**
   * Resolves {@code given} for {@code model}. Numbers may arrive as any {@link Number} (YAML and
   * CBOR do not keep Java's types); an integer parameter accepts only whole values.
   *
   * @throws IllegalArgumentException naming the parameter, for an unknown name or a bad value
   */
  public static Hyperparams resolve(String model, Map<String, Object> given) {
    Map<String, ParamDef> defs = ModelCatalog.parameters(model);
    for (String name : given.keySet()) {
      if (!defs.containsKey(name)) {
        throw new IllegalArgumentException(
            "model '" + model + "' has no parameter '" + name + "'; it has " + defs.keySet());
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParamDef def : defs.values()) {
      Object value = given.getOrDefault(def.name(), def.defaultValue());
      values.put(def.name(), convert(model, def, value));
    }
    return new Hyperparams(model, values);
  }

  /** An integer parameter. */
  public int intValue(String name) {
    return (Integer) get(name);
  }

  /** A floating-point parameter. */
  public double doubleValue(String name) {
    return (Double) get(name);
  }

  /** A choice parameter, or a several-choice one as written ({@code sneaker+sandal}). */
  public String choice(String name) {
    return (String) get(name);
  }

  /** The strings of a several-choice parameter, in the order given. */
  public List<String> choices(String name) {
    return ParamDef.parts(choice(name));
  }

  /** All parameters, defaults included, in catalog order. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private Object get(String name) {
    Object value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("model '" + model + "' has no parameter '" + name + "'");
    }
    return value;
  }

  private static Object convert(String model, ParamDef def, Object value) {
    String where = "parameter '" + def.name() + "' of model '" + model + "' ";
    switch (def.type()) {
      case INT -> {
        if (value instanceof Number n
            && n.doubleValue() == Math.rint(n.doubleValue())
            && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
          return inBounds(where, def, n.intValue());
        }
        throw new IllegalArgumentException(where + "must be an integer, got " + value);
      }
      case DOUBLE -> {
        if (value instanceof Number n) {
          return inBounds(where, def, n.doubleValue());
        }
        throw new IllegalArgumentException(where + "must be a number, got " + value);
      }
      case CHOICES -> {
        Optional<String> problem =
            value instanceof String s
                ? def.choicesProblem(ParamDef.parts(s))
                : Optional.of("got " + value);
        if (problem.isEmpty()) {
          return value;
        }
        throw new IllegalArgumentException(
            where + "must be one or several of " + def.choices() + " joined by " + ParamDef.JOIN + ": " + problem.get());
      }
      default -> {
        if (def.choices().contains(value)) {
          return value;
        }
        throw new IllegalArgumentException(
            where + "must be one of " + def.choices() + ", got " + value);
      }
    }
  }

  private static Number inBounds(String where, ParamDef def, Number value) {
    def.outOfBounds(value.doubleValue())
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(where + "is out of bounds: " + value + " " + problem);
            });
    return value;
  }
}
