package io.gantry.orchestrator.sweep;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked sweep file: what to train, on which data, for how long, which parameters to vary and
 * how, and which metric decides. Built by {@link SweepSpecParser}; immutable.
 *
 * @param name the sweep's name, letters, digits, {@code .}, {@code _} and {@code -}
 * @param model a model of {@link io.gantry.protocol.catalog.ModelCatalog#models()}
 * @param dataset the data every trial trains on; file paths are absolute
 * @param method how trial parameters are chosen
 * @param metrics the metrics the sweep optimises, at least one, each at most once: the first ranks
 *     trials, and early stopping and single-objective search judge by it; with several, the
 *     finished trials that no other beats on every one of them form the sweep's Pareto front
 * @param budget how long each trial trains
 * @param parameters the parameters the sweep sets, in file order; the model's other parameters keep
 *     their catalog defaults
 * @param maxTrials how many trials the sweep runs: for grid search the grid size, or fewer when the
 *     file's {@code max_trials} is smaller; for random search {@code max_trials}, by default
 *     {@value #DEFAULT_RANDOM_TRIALS}, for TPE by default {@value #DEFAULT_TPE_TRIALS}
 * @param seed seeds the search strategy (and, through the coordinator, the trials)
 * @param workers how many worker processes to start; 0 lets the launcher decide
 * @param threadsPerTrial compute threads each trial may use
 * @param reportEvery training steps between two metric reports of a trial
 * @param earlyTerminate the rule that stops unpromising trials early, if any
 * @param tpe the TPE settings; used only when the method is {@link Method#TPE}
 * @param nsga2 the NSGA-II settings; used only when the method is {@link Method#NSGA2}
 * @param pbt the population-based training, present exactly when the method is {@link Method#PBT}
 * @param replay the changes of the one trial's parameters, present exactly when the method is {@link
 *     Method#REPLAY}
 * @param source the file the spec was read from, as given to the parser
 * @param yamlText the file's text, unchanged, so that it can be stored with the sweep
 * @param resources which workers may run the sweep's trials; {@link Resources#ANY} by default
 * @param scheduling how the sweep shares workers with other sweeps; {@link Scheduling#DEFAULT} by
 *     default
 * @param constraints bounds on metrics that a trial must meet to count as feasible, as Optuna's
 *     {@code constraints_func}; none by default
 */
public record SweepSpec(
    String name,
    String model,
    DatasetSpec dataset,
    Method method,
    List<MetricGoal> metrics,
    Budget budget,
    Map<String, ParameterSpec> parameters,
    int maxTrials,
    long seed,
    int workers,
    int threadsPerTrial,
    int reportEvery,
    Optional<EarlyTerminate> earlyTerminate,
    TpeSettings tpe,
    Nsga2Settings nsga2,
    Optional<PbtSettings> pbt,
    Optional<ReplaySettings> replay,
    Path source,
    String yamlText,
    Resources resources,
    Scheduling scheduling,
    List<MetricConstraint> constraints) {

  /** Trials a random search runs when the file gives no {@code max_trials}. */
  public static final int DEFAULT_RANDOM_TRIALS = 10;

  /**
   * Trials an NSGA-II search runs when the file gives no {@code max_trials}, in generations of its
   * population: the random first one and one of children.
   */
  public static final int DEFAULT_NSGA2_GENERATIONS = 2;

  /** Trials a TPE search runs when the file gives no {@code max_trials}: 10 random, 20 guided. */
  public static final int DEFAULT_TPE_TRIALS = 30;

  /** Steps between metric reports when the file gives no {@code report_every}. */
  public static final int DEFAULT_REPORT_EVERY = 50;

  /** The most trials a sweep runs, in its file's {@code max_trials} or when extended. */
  public static final int MOST_TRIALS = 100_000;

  /**
   * The longest name a sweep may have: its runs' ids, {@code NAME-n}, then fit the store's id
   * column (VARCHAR(200)) for any {@code n}, and its artifact folders any file system.
   */
  public static final int MOST_NAME_LENGTH = 100;

  public SweepSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(method, "method");
    metrics = List.copyOf(metrics);
    constraints = List.copyOf(constraints);
    if (metrics.isEmpty() || metrics.stream().map(MetricGoal::name).distinct().count() < metrics.size()) {
      throw new IllegalArgumentException("expected one or more distinct metrics, got " + metrics);
    }
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(earlyTerminate, "earlyTerminate");
    Objects.requireNonNull(tpe, "tpe");
    Objects.requireNonNull(nsga2, "nsga2");
    if (pbt.isPresent() != (method == Method.PBT)) {
      throw new IllegalArgumentException("PBT settings go with method: pbt alone, not " + method);
    }
    if (replay.isPresent() != (method == Method.REPLAY)) {
      throw new IllegalArgumentException("replay settings go with method: replay alone, not " + method);
    }
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(yamlText, "yamlText");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(scheduling, "scheduling");
    // Map.copyOf would lose the file order, which fixes the grid's order.
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    requireAtLeast(maxTrials, 1, "maxTrials");
    requireAtLeast(workers, 0, "workers");
    requireAtLeast(threadsPerTrial, 1, "threadsPerTrial");
    requireAtLeast(reportEvery, 1, "reportEvery");
  }

  /** The parameters the sweep varies, in file order: those with listed values or a range, not a fixed value. */
  public Map<String, ParameterSpec> searched() {
    Map<String, ParameterSpec> searched = new LinkedHashMap<>();
    parameters.forEach((name, p) -> {
      if (!(p instanceof ParameterSpec.Fixed)) {
        searched.put(name, p);
      }
    });
    return Collections.unmodifiableMap(searched);
  }

  /** The metric that ranks trials, the first of {@link #metrics}. */
  public MetricGoal metric() {
    return metrics.get(0);
  }

  private static void requireAtLeast(int value, int least, String what) {
    if (value < least) {
      throw new IllegalArgumentException(what + " must be at least " + least + ", got " + value);
    }
  }
}
