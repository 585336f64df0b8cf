package io.gantry.protocol.catalog;

import java.util.List;

/**
 * One hyperparameter a model recipe understands: its type, its default when a sweep leaves it out,
 * and for {@link Type#CHOICE} the allowed strings.
 */
public record ParamDef(
    String name, Type type, Object defaultValue, List<String> choices, String description) {

  public enum Type {
    INT,
    DOUBLE,
    CHOICE
  }

  public static ParamDef ofInt(String name, int defaultValue, String description) {
    return new ParamDef(name, Type.INT, defaultValue, List.of(), description);
  }

  public static ParamDef ofDouble(String name, double defaultValue, String description) {
    return new ParamDef(name, Type.DOUBLE, defaultValue, List.of(), description);
  }

  public static ParamDef ofChoice(String name, List<String> choices, String description) {
    return new ParamDef(name, Type.CHOICE, choices.get(0), choices, description);
  }
}
