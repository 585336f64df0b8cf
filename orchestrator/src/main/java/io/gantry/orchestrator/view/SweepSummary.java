package io.gantry.orchestrator.view;

import io.gantry.orchestrator.search.ParameterImportance;
import io.gantry.orchestrator.search.ParetoRanks;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.store.Objectives;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A sweep as it is read: its record, its trials in planned order with their objectives, those
 * ranked best first by the sweep's goal (ties in planned order), and how many trials it plans.
 */
public final class SweepSummary {

  private final SweepRecord sweep;
  private final List<TrialSummary> trials;
  private final List<TrialSummary> ranked;
  private final List<TrialSummary> front;
  private final List<LineageRecord> lineage;

  private SweepSummary(SweepRecord sweep, List<TrialSummary> trials, List<LineageRecord> lineage) {
    this.sweep = sweep;
    this.trials = trials;
    this.lineage = List.copyOf(lineage);
    this.ranked =
        trials.stream()
            .filter(t -> t.objective().isPresent())
            .sorted(Comparator.comparing(t -> t.objective().getAsDouble(), bestFirst(sweep.maximize())))
            .toList();
    this.front = front(sweep.objectives(), ranked);
  }

  /**
   * The completed, feasible trials with a finite value of every metric that no other such trial
   * beats on every metric, in ranked order; as Optuna's {@code best_trials}, trials still running
   * or stopped early, at a smaller budget, do not take part.
   */
  private static List<TrialSummary> front(Objectives objectives, List<TrialSummary> ranked) {
    List<TrialSummary> candidates = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (TrialSummary trial : ranked) {
      Optional<double[]> values = objectives.lowerIsBetter(trial.latestMetrics());
      if (trial.record().status() == TrialStatus.COMPLETED
          && values.isPresent()
          && objectives.feasible(trial.latestMetrics())) {
        candidates.add(trial);
        points.add(values.get());
      }
    }
    int[] ranks = ParetoRanks.of(points);
    return IntStream.range(0, candidates.size()).filter(i -> ranks[i] == 0).mapToObj(candidates::get).toList();
  }

  /** The sweep's summary from the store: its trials and the latest value of each of their metrics. */
  public static SweepSummary read(RunStore store, SweepRecord sweep) {
    return of(sweep, store.trials(sweep.id()), store.latestMetrics(sweep.id()), store.lineage(sweep.id()));
  }

  /** The summary of {@code sweep}, its {@code trials} and their latest metrics by trial id, then name. */
  public static SweepSummary of(SweepRecord sweep, List<TrialRecord> trials, Map<String, Map<String, Double>> latestMetrics) {
    return of(sweep, trials, latestMetrics, List.of());
  }

  /** As {@link #of(SweepRecord, List, Map)}, for a pbt sweep with its {@code lineage}. */
  public static SweepSummary of(
      SweepRecord sweep, List<TrialRecord> trials, Map<String, Map<String, Double>> latestMetrics, List<LineageRecord> lineage) {
    return new SweepSummary(
        sweep,
        trials.stream()
            .map(t -> TrialSummary.of(t, latestMetrics.getOrDefault(t.trialId(), Map.of()), sweep.metricName()))
            .toList(),
        lineage);
  }

  /** A pbt sweep's exploits, in the order they happened; none for other methods. */
  public List<LineageRecord> lineage() {
    return lineage;
  }

  /**
   * {@code lineage}: each exploit as {@code {trial, step, parent, old_params, new_params, old_seed,
   * new_seed, at}}, oldest first, as {@code gantry show --json} and the API give it.
   */
  public Map<String, Object> lineageJson() {
    return Map.of("lineage", lineage.stream().map(LineageRecord::toJsonMap).toList());
  }

  public SweepRecord sweep() {
    return sweep;
  }

  /** Every trial, in planned order. */
  public List<TrialSummary> trials() {
    return trials;
  }

  /** The trials with an objective, best first. */
  public List<TrialSummary> ranked() {
    return ranked;
  }

  /**
   * The Pareto front of the sweep's metrics among its completed, feasible trials, best by the first
   * metric first; with one metric, its best feasible trials.
   */
  public List<TrialSummary> front() {
    return front;
  }

  /** Whether {@code trial} meets the sweep's constraints; empty for a sweep without constraints. */
  public Optional<Boolean> feasible(TrialSummary trial) {
    return sweep.objectives().constraints().isEmpty()
        ? Optional.empty()
        : Optional.of(sweep.objectives().feasible(trial.latestMetrics()));
  }

  /**
   * The sweep's metrics and constraints, and the trial ids of its {@link #front}, as {@code gantry
   * show --json} and the API give them: {@code metrics}, {@code constraints}, {@code pareto_front}.
   */
  public Map<String, Object> objectivesJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    Objectives objectives = sweep.objectives();
    json.put("metrics", objectives.metrics().stream().map(m -> Map.of("name", m.name(), "goal", m.goal())).toList());
    json.put("constraints", objectives.constraints().stream().map(SweepSummary::boundJson).toList());
    json.put("pareto_front", front.stream().map(TrialSummary::trialId).toList());
    return json;
  }

  /** {@code on_front} and {@code feasible} (null without constraints) of one trial, for its JSON. */
  public Map<String, Object> trialObjectivesJson(TrialSummary trial) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("on_front", front.contains(trial));
    json.put("feasible", feasible(trial).orElse(null));
    return json;
  }

  private static Map<String, Object> boundJson(Objectives.Bound bound) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("metric", bound.metric());
    json.put("min", bound.min().isPresent() ? bound.min().getAsDouble() : null);
    json.put("max", bound.max().isPresent() ? bound.max().getAsDouble() : null);
    return json;
  }

  /** The trial with the best objective so far, running trials' latest values included. */
  public Optional<TrialSummary> best() {
    return ranked.stream().findFirst();
  }

  /**
   * How many trials the sweep will have in all. A running sweep goes on to its limit (its file's
   * max_trials, or what {@code gantry extend} raised it to), though its search strategy proposes
   * each trial only when a worker is free; one that ended (its search exhausted, its limit reached,
   * or cancelled) has the trials it has. A running sweep stored without its limit counts the trials
   * it has too, since only its file, not parsed again to read it, would say.
   */
  public int plannedTrials() {
    return plannedTrials(sweep.status() == SweepStatus.RUNNING, sweep.maxTrials().orElse(trials.size()), trials.size());
  }

  /**
   * How many trials a sweep with {@code existing} trials will have in all: an open one (running,
   * its search not exhausted) goes on to {@code limit}; one that is closed has those it has. The
   * coordinator's live progress counts by this too.
   */
  public static int plannedTrials(boolean open, int limit, int existing) {
    return open ? Math.max(existing, limit) : existing;
  }

  /**
   * Whether {@code trial}'s objective cannot be told apart from the best trial's by their noise:
   * empty where either has no objective or no measured noise. The best trial is within noise of
   * itself.
   */
  public Optional<Boolean> withinNoiseOfBest(TrialSummary trial) {
    return best()
        .filter(b -> trial.objective().isPresent() && trial.noise().isPresent() && b.noise().isPresent())
        .map(
            b ->
                withinNoise(
                    trial.objective().getAsDouble(),
                    trial.noise().getAsDouble(),
                    b.objective().getAsDouble(),
                    b.noise().getAsDouble()));
  }

  /**
   * Whether values {@code a} and {@code b} with standard errors {@code noiseA} and {@code noiseB}
   * differ by at most two standard errors of their difference, the usual 95 % band.
   */
  static boolean withinNoise(double a, double noiseA, double b, double noiseB) {
    return Math.abs(a - b) <= 2 * Math.hypot(noiseA, noiseB);
  }

  /** Best first, by the sweep's goal. */
  public static Comparator<Double> bestFirst(boolean maximize) {
    return maximize ? Comparator.reverseOrder() : Comparator.naturalOrder();
  }

  /**
   * Which parameters moved the sweep's metric, from the completed trials only: a trial stopped
   * early reports its metric at a smaller budget, which would read as an effect of its parameters.
   */
  public ParameterImportance importance() {
    return ParameterImportance.of(
        ranked.stream()
            .filter(t -> t.record().status() == TrialStatus.COMPLETED)
            .map(t -> new ParameterImportance.Observation(t.record().params(), t.objective().getAsDouble()))
            .toList());
  }

  /**
   * {@code importance} (parameter to share) and {@code importance_explained}, as {@code gantry show
   * --json} and the API give them: both null where there are no shares.
   */
  public Map<String, Object> importanceJson() {
    ParameterImportance importance = importance();
    boolean none = importance.missingReason().isPresent();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("importance", none ? null : importance.shares());
    json.put("importance_explained", none ? null : importance.explained());
    return json;
  }

  /** The trials that are finished, whatever their end. */
  public long done() {
    return trials.stream().filter(t -> t.record().status().isFinished()).count();
  }

  /** Trials by status, every status present; queued includes those a running sweep has yet to propose. */
  public Map<TrialStatus, Long> byStatus() {
    Map<TrialStatus, Long> counts = new EnumMap<>(TrialStatus.class);
    for (TrialStatus status : TrialStatus.values()) {
      counts.put(status, trials.stream().filter(t -> t.record().status() == status).count());
    }
    counts.merge(TrialStatus.QUEUED, (long) plannedTrials() - trials.size(), Long::sum);
    return counts;
  }
}
