package io.gantry.orchestrator.sweep;

import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the top level of a composed sweep file into a {@link SweepSpec}, handing the dataset and
 * the parameters to their own readers. Problems go to the {@link NodeReader}; a spec comes back
 * only when there were none.
 */
final class SweepFileReader {

  private static final List<String> TOP_KEYS =
      List.of(
          "name",
          "model",
          "dataset",
          "method",
          "metric",
          "metrics",
          "constraints",
          "budget",
          "parameters",
          "max_trials",
          "seed",
          "workers",
          "threads_per_trial",
          "report_every",
          "early_terminate",
          "tpe",
          "nsga2",
          "population",
          "pbt",
          "replay",
          "resources",
          "priority",
          "weight",
          "max_concurrent_trials",
          "preemptible");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  // Far above what a machine runs, and what a trial reports, yet bounded.
  private static final long MOST_WORKERS = 1024;
  private static final long MOST_THREADS = 1024;
  private static final long MOST_REPORT_EVERY = 1_000_000;
  // Seeds as numpy and Optuna take them; trial n's seed, seed + n, stays far inside a long.
  private static final long MOST_SEED = 0xFFFF_FFFFL;
  private static final List<String> METHODS =
      Arrays.stream(Method.values()).map(Method::yamlName).toList();

  private final NodeReader reader;
  private final Path source;
  private final String yamlText;

  SweepFileReader(NodeReader reader, Path source, String yamlText) {
    this.reader = reader;
    this.source = source;
    this.yamlText = yamlText;
  }

  Optional<SweepSpec> read(Node root) {
    Optional<MappingFields> maybeTop = reader.mapping(root, "", "a mapping of sweep settings");
    if (maybeTop.isEmpty()) {
      return Optional.empty();
    }
    MappingFields top = maybeTop.get();
    top.allowOnly(TOP_KEYS);

    Optional<String> name = top.required("name").flatMap(this::name);
    Optional<String> model = top.required("model").flatMap(this::model);
    Path folder = source.toAbsolutePath().getParent();
    Optional<DatasetSpec> dataset =
        top.required("dataset")
            .flatMap(
                node ->
                    new DatasetReader(reader, folder)
                        .read(node)
                        .filter(data -> trainsOn(model, data, node)));
    Optional<Method> method = top.required("method").flatMap(this::method);
    Optional<List<MetricGoal>> metrics = metrics(top, model, dataset);
    Optional<MetricGoal> metric = metrics.map(list -> list.get(0));
    Optional<List<MetricConstraint>> constraints =
        top.optional("constraints").flatMap(node -> new ConstraintsReader(reader).read(node, model, dataset));
    Optional<Budget> budget = top.required("budget").flatMap(this::budget);
    Optional<EarlyTerminate> earlyTerminate =
        top.optional("early_terminate")
            .flatMap(node -> new EarlyTerminateReader(reader).read(node, budget, metric, reported(model, dataset)));
    TpeSettings tpe =
        top.optional("tpe")
            .flatMap(node -> new TpeSettingsReader(reader).read(node, method))
            .orElse(TpeSettings.DEFAULT);
    Nsga2Settings nsga2 =
        top.optional("nsga2")
            .flatMap(node -> new Nsga2SettingsReader(reader).read(node, method))
            .orElse(Nsga2Settings.DEFAULT);
    Resources resources =
        top.optional("resources")
            .flatMap(node -> new ResourcesReader(reader).read(node))
            .orElse(Resources.ANY);
    Map<String, ParameterSpec> parameters =
        model
            .flatMap(m -> top.optional("parameters").map(node -> parameters(node, m, method)))
            .orElse(Map.of());
    model.ifPresent(m -> dataset.ifPresent(d -> new PairedInputsCheck(reader).check(top, m, d, parameters)));
    Optional<PbtSettings> pbt = new PbtSettingsReader(reader).read(top, method, budget, metric, parameters);
    Optional<Long> maxTrialsGiven = top.integer("max_trials", 1, SweepSpec.MOST_TRIALS);
    Optional<ReplaySettings> replay = new ReplaySettingsReader(reader).read(top, method, model, parameters);
    Optional<Integer> maxTrials =
        method.flatMap(
            m -> switch (m) {
              case PBT -> pbt.map(PbtSettings::population);
              case REPLAY -> Optional.of(1);
              default -> maxTrials(top, m, parameters, maxTrialsGiven, nsga2);
            });
    long seed = top.integer("seed", 0, MOST_SEED).orElse(0L);
    int workers = top.integer("workers", 0, MOST_WORKERS).orElse(0L).intValue();
    int threads = top.integer("threads_per_trial", 1, MOST_THREADS).orElse(1L).intValue();
    int reportEvery =
        top.integer("report_every", 1, MOST_REPORT_EVERY)
            .orElse((long) SweepSpec.DEFAULT_REPORT_EVERY)
            .intValue();
    Scheduling scheduling = new SchedulingReader(reader).read(top);

    if (reader.hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(
        new SweepSpec(
            name.orElseThrow(),
            model.orElseThrow(),
            dataset.orElseThrow(),
            method.orElseThrow(),
            metrics.orElseThrow(),
            budget.orElseThrow(),
            parameters,
            maxTrials.orElseThrow(),
            seed,
            workers,
            threads,
            reportEvery,
            earlyTerminate,
            tpe,
            nsga2,
            pbt,
            replay,
            source,
            yamlText,
            resources.withThreads(threads),
            scheduling,
            constraints.orElse(List.of())));
  }

  /** {@code metric: {...}} or {@code metrics: [{...}, ...]}, exactly one of them. */
  private Optional<List<MetricGoal>> metrics(
      MappingFields top, Optional<String> model, Optional<DatasetSpec> dataset) {
    if (top.has("metric") && top.has("metrics")) {
      reader.error(top.optional("metrics").orElseThrow(), "metrics", "expected metric or metrics, not both");
      return Optional.empty();
    }
    MetricReader metricReader = new MetricReader(reader);
    return top.has("metrics")
        ? metricReader.readAll(top.optional("metrics").orElseThrow(), model, dataset)
        : top.required("metric").flatMap(node -> metricReader.read(node, model, dataset)).map(List::of);
  }

  private Optional<String> name(Node node) {
    return reader
        .text(node, "name", SweepSpec.MOST_NAME_LENGTH)
        .filter(
            name -> {
              boolean valid = NAME.matcher(name).matches();
              if (!valid) {
                reader.error(
                    node,
                    "name",
                    "expected letters, digits, '.', '_' and '-' only, got \"" + name + "\"");
              }
              return valid;
            });
  }

  private Optional<String> model(Node node) {
    List<String> known = ModelCatalog.models().stream().sorted().toList();
    return reader.oneOf(node, "model", "model", known);
  }

  private boolean trainsOn(Optional<String> model, DatasetSpec dataset, Node node) {
    if (model.isEmpty() || ModelCatalog.supports(model.get(), dataset.kind())) {
      return true;
    }
    reader.error(node, "dataset", "model " + model.get() + " does not train on " + dataset.kind());
    return false;
  }

  /** The metrics the model reports on the dataset, when both were read. */
  private static Optional<Collection<String>> reported(Optional<String> model, Optional<DatasetSpec> dataset) {
    return model.flatMap(m -> dataset.map(d -> ModelCatalog.metrics(m, d)));
  }

  private Optional<Method> method(Node node) {
    return reader
        .oneOf(node, "method", "method", METHODS)
        .map(m -> Method.values()[METHODS.indexOf(m)]);
  }

  private Optional<Budget> budget(Node node) {
    Optional<MappingFields> maybeFields =
        reader.mapping(node, "budget", "{epochs: N} or {steps: N}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("epochs", "steps"));
    if (fields.has("epochs") == fields.has("steps")) {
      reader.error(node, "budget", "expected exactly one of epochs or steps");
      return Optional.empty();
    }
    return fields.has("epochs")
        ? fields
            .integer("epochs", 1, BudgetUnit.EPOCHS.most())
            .map(n -> Budget.ofEpochs(n.intValue()))
        : fields.integer("steps", 1, BudgetUnit.STEPS.most()).map(Budget::ofSteps);
  }

  private Map<String, ParameterSpec> parameters(Node node, String model, Optional<Method> method) {
    return new ParametersReader(reader, model, ModelCatalog.parameters(model)).read(node, method);
  }

  /**
   * Grid search runs its grid, cut to {@code max_trials} when that is smaller (and a grid of more
   * points than a sweep may run needs it); random search runs {@code max_trials} trials, {@value
   * SweepSpec#DEFAULT_RANDOM_TRIALS} by default, TPE {@value SweepSpec#DEFAULT_TPE_TRIALS} and
   * NSGA-II {@value SweepSpec#DEFAULT_NSGA2_GENERATIONS} generations of its population.
   */
  private Optional<Integer> maxTrials(
      MappingFields top,
      Method method,
      Map<String, ParameterSpec> parameters,
      Optional<Long> given,
      Nsga2Settings nsga2) {
    if (method != Method.GRID) {
      int byDefault =
          switch (method) {
            case TPE -> SweepSpec.DEFAULT_TPE_TRIALS;
            case NSGA2 -> (int) Math.min(SweepSpec.MOST_TRIALS, (long) SweepSpec.DEFAULT_NSGA2_GENERATIONS * nsga2.populationSize());
            default -> SweepSpec.DEFAULT_RANDOM_TRIALS;
          };
      return Optional.of(given.orElse((long) byDefault).intValue());
    }
    long gridSize = ParameterSpec.gridSize(parameters.values());
    if (given.isEmpty() && gridSize > SweepSpec.MOST_TRIALS) {
      reader.error(
          top.node(),
          "max_trials",
          "the grid has more than "
              + SweepSpec.MOST_TRIALS
              + " points, the most trials a sweep runs; set max_trials");
      return Optional.empty();
    }
    return Optional.of((int) Math.min(given.orElse(gridSize), gridSize));
  }
}
