package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.trial.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code population: 8} and {@code pbt: {interval: {epochs: 1}, quantile: 0.25, perturb: [0.8,
 * 1.2], resample_probability: 0.25}} for {@code method: pbt}, and checks what PBT needs of the rest
 * of the file: a held-out metric, reported as an epoch ends where members are compared, a budget
 * in epochs, every varied parameter one a trial can change as it goes on from a checkpoint, and no
 * {@code max_trials}, since the population is the trials.
 */
final class PbtSettingsReader {

  private static final long MOST_POPULATION = 1000;

  private final NodeReader reader;

  PbtSettingsReader(NodeReader reader) {
    this.reader = reader;
  }

  /** The settings, when the method is pbt; the keys are errors with another method. */
  Optional<PbtSettings> read(
      MappingFields top, Optional<Method> method, Optional<Budget> budget, Optional<MetricGoal> metric,
      Map<String, ParameterSpec> parameters) {
    boolean pbt = method.isPresent() && method.get() == Method.PBT;
    if (!pbt) {
      for (String key : List.of("population", "pbt")) {
        top.optional(key).filter(n -> method.isPresent()).ifPresent(n -> reader.error(n, key, "only for method: pbt, not " + method.get().yamlName()));
      }
      return Optional.empty();
    }
    top.optional("max_trials").ifPresent(n -> reader.error(n, "max_trials", "method: pbt runs its population as its trials; give population, not max_trials"));
    if (budget.isPresent() && budget.get().bySteps()) {
      reader.error(top.optional("budget").orElseThrow(), "budget", "method: pbt compares members as epochs end: give budget: {epochs: N}");
    }
    metric
        .filter(m -> !m.name().startsWith("val/"))
        .ifPresent(m -> reader.error(top.optional("metric").orElse(top.node()), "metric", "method: pbt compares members as epochs end, by a held-out val/ metric, not " + m.name()));
    parameters.forEach(
        (name, p) -> {
          if (!(p instanceof Fixed) && !ModelCatalog.changesMidTrial(name)) {
            reader.error(
                parameterNode(top, name), "parameters." + name,
                name + " cannot change while a trial trains, so PBT cannot vary it; fix it with {value: ...}. PBT varies "
                    + String.join(", ", ModelCatalog.mutableParameters()));
          }
        });
    Optional<Long> population = top.required("population").flatMap(n -> reader.integer(n, "population", 2, MOST_POPULATION));
    PbtSettings defaults = PbtSettings.DEFAULT;
    Optional<Node> block = top.optional("pbt");
    if (block.isEmpty()) {
      return population.map(n -> new PbtSettings(n.intValue(), defaults.intervalEpochs(), defaults.quantile(), defaults.perturb(), defaults.resampleProbability()));
    }
    Optional<MappingFields> maybeFields =
        reader.mapping(block.get(), "pbt", "{interval: {epochs: N}, quantile: q, perturb: [f, ...], resample_probability: p}");
    if (maybeFields.isEmpty() || population.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("interval", "quantile", "perturb", "resample_probability"));
    Optional<Long> interval = fields.optional("interval").flatMap(n -> interval(n, fields.keyOf("interval")));
    Optional<Double> quantile = fields.optional("quantile").flatMap(n -> quantile(n, fields.keyOf("quantile")));
    Optional<List<Double>> perturb = fields.optional("perturb").flatMap(n -> factors(n, fields.keyOf("perturb")));
    Optional<Double> resample =
        fields.optional("resample_probability").flatMap(n -> reader.probability(n, fields.keyOf("resample_probability")));
    boolean allRead =
        interval.isPresent() == fields.has("interval")
            && quantile.isPresent() == fields.has("quantile")
            && perturb.isPresent() == fields.has("perturb")
            && resample.isPresent() == fields.has("resample_probability");
    return allRead
        ? Optional.of(
            new PbtSettings(
                population.get().intValue(),
                interval.map(Long::intValue).orElse(defaults.intervalEpochs()),
                quantile.orElse(defaults.quantile()),
                perturb.orElse(defaults.perturb()),
                resample.orElse(defaults.resampleProbability())))
        : Optional.empty();
  }

  /** Where the file sets parameter {@code name}, for an error to point at. */
  static Node parameterNode(MappingFields top, String name) {
    Node parameters = top.optional("parameters").orElseThrow();
    return MappingFields.entry(parameters, name).orElse(parameters);
  }

  private Optional<Long> interval(Node node, String key) {
    Optional<MappingFields> fields = reader.mapping(node, key, "{epochs: N}");
    fields.ifPresent(f -> f.allowOnly(List.of("epochs")));
    return fields.flatMap(f -> f.required("epochs").flatMap(n -> reader.integer(n, f.keyOf("epochs"), 1, BudgetUnit.EPOCHS.most())));
  }

  private Optional<Double> quantile(Node node, String key) {
    return reader.number(node, key).filter(q -> {
      boolean inside = q > 0 && q <= 0.5;
      if (!inside) {
        reader.error(node, key, "expected a share above 0 and at most 0.5, got " + q);
      }
      return inside;
    });
  }

  private Optional<List<Double>> factors(Node node, String key) {
    Optional<List<Node>> items = reader.sequence(node, key);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      reader.error(node, key, "expected at least one factor");
      return Optional.empty();
    }
    List<Double> factors = new ArrayList<>();
    for (int i = 0; i < items.get().size(); i++) {
      Node item = items.get().get(i);
      String itemKey = key + "[" + i + "]";
      Optional<Double> factor = reader.number(item, itemKey).filter(f -> {
        if (!(f > 0)) {
          reader.error(item, itemKey, "expected a factor above 0, got " + f);
        }
        return f > 0;
      });
      if (factor.isEmpty()) {
        return Optional.empty();
      }
      factors.add(factor.get());
    }
    return Optional.of(factors);
  }
}
