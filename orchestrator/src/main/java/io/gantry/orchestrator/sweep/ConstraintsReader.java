package io.gantry.orchestrator.sweep;

import io.gantry.protocol.trial.DatasetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code constraints: [{metric: val/d_real, max: 0.9}, {metric: val/recall, min: 0.2}]}: each
 * metric one the model reports, with {@code min}, {@code max} or both, {@code min} below {@code max}.
 */
final class ConstraintsReader {

  private final NodeReader reader;
  private final MetricReader metrics;

  ConstraintsReader(NodeReader reader) {
    this.reader = reader;
    this.metrics = new MetricReader(reader);
  }

  /** The constraints; {@code model} or {@code dataset} is empty when the file's was wrong. */
  Optional<List<MetricConstraint>> read(Node node, Optional<String> model, Optional<DatasetSpec> dataset) {
    Optional<List<Node>> items = reader.sequence(node, "constraints");
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<MetricConstraint> constraints = new ArrayList<>();
    boolean allRead = true;
    for (int i = 0; i < items.get().size(); i++) {
      Optional<MetricConstraint> constraint = constraint(items.get().get(i), "constraints[" + i + "]", model, dataset);
      constraint.ifPresent(constraints::add);
      allRead &= constraint.isPresent();
    }
    return allRead ? Optional.of(constraints) : Optional.empty();
  }

  private Optional<MetricConstraint> constraint(
      Node node, String key, Optional<String> model, Optional<DatasetSpec> dataset) {
    Optional<MappingFields> maybeFields = reader.mapping(node, key, "{metric: name, min: x, max: x}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("metric", "min", "max"));
    Optional<String> metric = fields.required("metric").flatMap(n -> metrics.name(n, fields.keyOf("metric"), model, dataset));
    Optional<Double> min = fields.optional("min").flatMap(n -> reader.number(n, fields.keyOf("min")));
    Optional<Double> max = fields.optional("max").flatMap(n -> reader.number(n, fields.keyOf("max")));
    if (min.isPresent() != fields.has("min") || max.isPresent() != fields.has("max") || metric.isEmpty()) {
      return Optional.empty();
    }
    if (min.isEmpty() && max.isEmpty()) {
      reader.error(node, key, "expected min, max or both");
      return Optional.empty();
    }
    if (min.isPresent() && max.isPresent() && min.get() >= max.get()) {
      reader.error(fields.optional("max").orElseThrow(), fields.keyOf("max"), "expected more than min " + min.get() + ", got " + max.get());
      return Optional.empty();
    }
    return Optional.of(
        new MetricConstraint(
            metric.get(),
            min.map(OptionalDouble::of).orElse(OptionalDouble.empty()),
            max.map(OptionalDouble::of).orElse(OptionalDouble.empty())));
  }
}
