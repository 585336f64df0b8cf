package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import io.gantry.protocol.catalog.ModelCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code metric: {name: val/elbo, goal: maximize}}; the name must be one the model reports on
 * the sweep's kind of data.
 */
final class MetricReader {

  // the store's metric name columns are VARCHAR(250), as MLflow's metric keys are
  private static final int NAME_LENGTH = 250;
  private static final List<String> GOALS =
      Arrays.stream(Goal.values()).map(Goal::yamlName).toList();

  private final NodeReader reader;

  MetricReader(NodeReader reader) {
    this.reader = reader;
  }

  /**
   * The metric; {@code model} or {@code datasetKind} is empty when the file's was wrong, and the
   * name then goes unchecked, since which metrics exist depends on both.
   */
  Optional<MetricGoal> read(Node node, Optional<String> model, Optional<String> datasetKind) {
    Optional<MappingFields> maybeFields =
        reader.mapping(node, "metric", "{name: metric, goal: minimize | maximize}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("name", "goal"));
    String nameKey = fields.keyOf("name");
    Optional<String> name =
        fields
            .required("name")
            .flatMap(
                n ->
                    model.isPresent() && datasetKind.isPresent()
                        ? reader.oneOf(
                            n,
                            nameKey,
                            "metric",
                            reported(model.get(), datasetKind.get()),
                            NAME_LENGTH)
                        : reader.text(n, nameKey, NAME_LENGTH));
    String goalKey = fields.keyOf("goal");
    Optional<Goal> goal =
        fields
            .required("goal")
            .flatMap(n -> reader.oneOf(n, goalKey, "goal", GOALS))
            .map(text -> Goal.values()[GOALS.indexOf(text)]);
    return name.isPresent() && goal.isPresent()
        ? Optional.of(new MetricGoal(name.get(), goal.get()))
        : Optional.empty();
  }

  private static List<String> reported(String model, String datasetKind) {
    return ModelCatalog.metrics(model, datasetKind).stream().sorted().toList();
  }
}
