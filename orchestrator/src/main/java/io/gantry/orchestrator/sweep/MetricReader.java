package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.trial.DatasetSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code metric: {name: val/elbo, goal: maximize}}, or several as {@code metrics: [{name:
 * val/fid, goal: minimize}, {name: val/recall, goal: maximize}]}; each name must be one the model
 * reports on the sweep's kind of data.
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

  /** The metrics of a {@code metrics:} list, each named once; empty if any was wrong. */
  Optional<List<MetricGoal>> readAll(Node node, Optional<String> model, Optional<DatasetSpec> dataset) {
    Optional<List<Node>> items = reader.sequence(node, "metrics");
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      reader.error(node, "metrics", "expected at least one metric");
      return Optional.empty();
    }
    List<MetricGoal> metrics = new ArrayList<>();
    boolean allRead = true;
    for (int i = 0; i < items.get().size(); i++) {
      Node item = items.get().get(i);
      String key = "metrics[" + i + "]";
      Optional<MetricGoal> metric = read(item, key, model, dataset);
      if (metric.isPresent() && metrics.stream().anyMatch(m -> m.name().equals(metric.get().name()))) {
        reader.error(item, key, metric.get().name() + " is listed twice");
        allRead = false;
      }
      metric.ifPresent(metrics::add);
      allRead &= metric.isPresent();
    }
    return allRead ? Optional.of(metrics) : Optional.empty();
  }

  /**
   * The metric; {@code model} or {@code dataset} is empty when the file's was wrong, and the name
   * then goes unchecked, since which metrics exist depends on both.
   */
  Optional<MetricGoal> read(Node node, Optional<String> model, Optional<DatasetSpec> dataset) {
    return read(node, "metric", model, dataset);
  }

  private Optional<MetricGoal> read(Node node, String key, Optional<String> model, Optional<DatasetSpec> dataset) {
    Optional<MappingFields> maybeFields =
        reader.mapping(node, key, "{name: metric, goal: minimize | maximize}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("name", "goal"));
    Optional<String> name = fields.required("name").flatMap(n -> name(n, fields.keyOf("name"), model, dataset));
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

  /**
   * A metric's name under {@code key}: one {@code model} reports on {@code dataset}; when either
   * was wrong, any name, since which metrics exist depends on both.
   */
  Optional<String> name(Node node, String key, Optional<String> model, Optional<DatasetSpec> dataset) {
    return model.isPresent() && dataset.isPresent()
        ? reported(node, key, model.get(), dataset.get())
        : reader.text(node, key, NAME_LENGTH);
  }

  /** The name, if {@code model} reports it on {@code dataset}; else reported with why not. */
  private Optional<String> reported(Node node, String key, String model, DatasetSpec dataset) {
    List<String> reported = ModelCatalog.metrics(model, dataset).stream().sorted().toList();
    Optional<String> name = reader.text(node, key, NAME_LENGTH);
    if (name.isPresent() && name.get().equals(ModelCatalog.OUTLIER_AUROC) && !reported.contains(name.get())) {
      reader.error(
          node,
          key,
          ModelCatalog.scoresImages(model)
              ? name.get() + " needs dataset.exclude_classes: the left-out classes' test images are its outliers"
              : name.get() + " is not reported by " + model + ", which gives no score of how likely an image is");
      return Optional.empty();
    }
    return name.flatMap(text -> reader.oneOf(node, key, "metric", reported, NAME_LENGTH));
  }
}
