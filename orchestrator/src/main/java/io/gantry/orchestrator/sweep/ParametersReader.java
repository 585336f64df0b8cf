package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Distribution;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.protocol.catalog.ParamDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code parameters} entry against the model's parameter table: each name must be one of
 * the model's, and each value, listed value and end of a range must fit the parameter's type and
 * lie within its bounds.
 */
final class ParametersReader {

  private static final String FORMS = "{value: x}, {values: [x, y]} or {min: a, max: b}";
  private static final List<String> SPEC_KEYS =
      List.of("value", "values", "min", "max", "distribution");
  private static final List<String> DISTRIBUTIONS =
      Arrays.stream(Distribution.values()).map(Distribution::yamlName).toList();

  private final NodeReader reader;
  private final String model;
  private final Map<String, ParamDef> defs;

  ParametersReader(NodeReader reader, String model, Map<String, ParamDef> defs) {
    this.reader = reader;
    this.model = model;
    this.defs = defs;
  }

  /**
   * The parameters in file order. {@code method} is empty when the file's method is unknown; a grid
   * method rejects ranges it cannot list.
   */
  Map<String, ParameterSpec> read(Node node, Optional<Method> method) {
    return read(node, "parameters", method);
  }

  /** As {@link #read(Node, Optional)}, for parameters set under the key {@code at}. */
  Map<String, ParameterSpec> read(Node node, String at, Optional<Method> method) {
    Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    if (reader.isNull(node)) {
      return specs; // "parameters:" with nothing under it: every parameter keeps its default
    }
    reader
        .mapping(node, at)
        .ifPresent(
            fields -> {
              fields.allowOnly(defs.keySet(), model + " parameter");
              for (String name : fields.names()) {
                ParamDef def = defs.get(name);
                Node specNode = fields.optional(name).orElseThrow();
                String key = fields.keyOf(name);
                if (def != null) {
                  readOne(specNode, key, def)
                      .filter(spec -> fitsMethod(spec, method, specNode, key))
                      .ifPresent(spec -> specs.put(name, spec));
                }
              }
            });
    return specs;
  }

  private Optional<ParameterSpec> readOne(Node node, String key, ParamDef def) {
    Optional<MappingFields> maybeFields = reader.mapping(node, key, FORMS);
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(SPEC_KEYS);
    boolean isRange = fields.has("min") || fields.has("max") || fields.has("distribution");
    int forms = (fields.has("value") ? 1 : 0) + (fields.has("values") ? 1 : 0) + (isRange ? 1 : 0);
    if (forms != 1) {
      reader.error(node, key, (forms == 0 ? "expected " : "give only one of ") + FORMS);
      return Optional.empty();
    }
    if (fields.has("value")) {
      return value(fields.optional("value").orElseThrow(), fields.keyOf("value"), def)
          .map(Fixed::new);
    }
    return fields.has("values") ? choice(fields, def) : range(fields, key, def);
  }

  private Optional<ParameterSpec> choice(MappingFields fields, ParamDef def) {
    Node listNode = fields.optional("values").orElseThrow();
    String key = fields.keyOf("values");
    List<Node> items = reader.sequence(listNode, key).orElse(null);
    if (items == null) {
      return Optional.empty();
    }
    if (items.isEmpty()) {
      reader.error(listNode, key, "expected at least one value, got an empty list");
      return Optional.empty();
    }
    List<Object> values = new ArrayList<>();
    boolean allRead = true;
    for (int i = 0; i < items.size(); i++) {
      String itemKey = key + "[" + i + "]";
      Optional<Object> value = value(items.get(i), itemKey, def);
      if (value.isPresent() && values.contains(value.get())) {
        reader.error(items.get(i), itemKey, "duplicate value " + reader.describe(items.get(i)));
      }
      value.ifPresent(values::add);
      allRead &= value.isPresent();
    }
    return allRead ? Optional.of(new Choice(values)) : Optional.empty();
  }

  private Optional<ParameterSpec> range(MappingFields fields, String key, ParamDef def) {
    if (def.type() == ParamDef.Type.CHOICE || def.type() == ParamDef.Type.CHOICES) {
      reader.error(
          fields.node(),
          key,
          "expected one of " + String.join(", ", def.choices()) + "; use value or values");
      return Optional.empty();
    }
    Optional<Node> minNode = fields.required("min");
    Optional<Node> maxNode = fields.required("max");
    if (minNode.isEmpty() || maxNode.isEmpty()) {
      return Optional.empty();
    }
    Optional<Distribution> distribution = distribution(fields, def);
    if (distribution.isEmpty()) {
      return Optional.empty();
    }
    if (def.type() == ParamDef.Type.INT && distribution.get() != Distribution.INT_UNIFORM) {
      reader.error(
          fields.optional("distribution").orElseThrow(),
          fields.keyOf("distribution"),
          def.name() + " takes integers: use int_uniform, or list the values");
      return Optional.empty();
    }
    Optional<Double> min = end(minNode.get(), fields.keyOf("min"), distribution.get());
    Optional<Double> max = end(maxNode.get(), fields.keyOf("max"), distribution.get());
    if (min.isEmpty() || max.isEmpty()) {
      return Optional.empty();
    }
    if (distribution.get() == Distribution.LOG_UNIFORM && min.get() <= 0) {
      reader.error(
          minNode.get(),
          fields.keyOf("min"),
          "log_uniform needs min > 0, got " + reader.describe(minNode.get()));
      return Optional.empty();
    }
    // both ends reported, and tested on their own: the bounds are an interval, so a range
    // between two values inside them lies inside them
    boolean minInside =
        inside(minNode.get(), fields.keyOf("min"), def.rangeEndOutOfBounds(min.get()));
    boolean maxInside =
        inside(maxNode.get(), fields.keyOf("max"), def.rangeEndOutOfBounds(max.get()));
    if (!minInside || !maxInside) {
      return Optional.empty();
    }
    if (min.get() >= max.get()) {
      reader.error(
          maxNode.get(),
          fields.keyOf("max"),
          "empty range: max "
              + reader.describe(maxNode.get())
              + " is not above min "
              + reader.describe(minNode.get()));
      return Optional.empty();
    }
    return Optional.of(new Range(distribution.get(), min.get(), max.get()));
  }

  /**
   * The file's distribution, or by default the one that fits the parameter's type: int_uniform for
   * an INT, uniform for a DOUBLE. Deciding by the type rather than by how the ends are written
   * keeps {@code noise_std: {min: 0, max: 1}} from drawing only 0 and 1.
   */
  private Optional<Distribution> distribution(MappingFields fields, ParamDef def) {
    Optional<Node> node = fields.optional("distribution");
    if (node.isEmpty()) {
      boolean integers = def.type() == ParamDef.Type.INT;
      return Optional.of(integers ? Distribution.INT_UNIFORM : Distribution.UNIFORM);
    }
    return reader
        .oneOf(node.get(), fields.keyOf("distribution"), "distribution", DISTRIBUTIONS)
        .map(name -> Distribution.values()[DISTRIBUTIONS.indexOf(name)]);
  }

  private Optional<Double> end(Node node, String key, Distribution distribution) {
    if (distribution == Distribution.INT_UNIFORM) {
      return reader.integer(node, key, Integer.MIN_VALUE, Integer.MAX_VALUE).map(Long::doubleValue);
    }
    return reader.number(node, key);
  }

  /**
   * One value typed as the parameter is (Integer, Double, or one of the allowed strings) and
   * within its bounds.
   */
  private Optional<Object> value(Node node, String key, ParamDef def) {
    return switch (def.type()) {
      case INT ->
          reader
              .integer(node, key, Integer.MIN_VALUE, Integer.MAX_VALUE)
              .filter(n -> inside(node, key, def.outOfBounds(n)))
              .map(Long::intValue)
              .map(Object.class::cast);
      case DOUBLE ->
          reader
              .number(node, key)
              .filter(x -> inside(node, key, def.outOfBounds(x)))
              .map(Object.class::cast);
      case CHOICE -> reader.oneOf(node, key, def.name(), def.choices()).map(Object.class::cast);
      case CHOICES -> choices(node, key, def).map(Object.class::cast);
    };
  }

  /**
   * A several-choice value: one allowed string, or a list of distinct ones ({@code [sneaker,
   * sandal]}), kept joined ({@code sneaker+sandal}).
   */
  private Optional<String> choices(Node node, String key, ParamDef def) {
    if (!(node instanceof SequenceNode)) {
      return reader.oneOf(node, key, def.name(), def.choices());
    }
    List<Node> items = reader.sequence(node, key).orElseThrow();
    if (items.isEmpty()) {
      reader.error(node, key, "expected at least one of " + String.join(", ", def.choices()));
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    boolean allRead = true;
    for (int i = 0; i < items.size(); i++) {
      String itemKey = key + "[" + i + "]";
      Optional<String> part = reader.oneOf(items.get(i), itemKey, def.name(), def.choices());
      if (part.isPresent() && parts.contains(part.get())) {
        reader.error(items.get(i), itemKey, part.get() + " is listed twice");
        allRead = false;
      }
      part.ifPresent(parts::add);
      allRead &= part.isPresent();
    }
    return allRead ? Optional.of(String.join(ParamDef.JOIN, parts)) : Optional.empty();
  }

  /** Reports {@code problem}, if any, after the value as written: "0 is below the least ...". */
  private boolean inside(Node node, String key, Optional<String> problem) {
    problem.ifPresent(p -> reader.error(node, key, reader.describe(node) + " " + p));
    return problem.isEmpty();
  }

  private boolean fitsMethod(ParameterSpec spec, Optional<Method> method, Node node, String key) {
    if (method.orElse(null) == Method.GRID && spec instanceof Range range && !range.isDiscrete()) {
      reader.error(
          node,
          key,
          "grid search needs value, values or an int_uniform range, not "
              + range.distribution().yamlName()
              + "; list the values or use method: random");
      return false;
    }
    return true;
  }
}
