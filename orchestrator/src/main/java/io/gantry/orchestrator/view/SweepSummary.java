package io.gantry.orchestrator.view;

import io.gantry.orchestrator.search.ParameterImportance;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep as it is read: its record, its trials in planned order with their objectives, those
 * ranked best first by the sweep's goal (ties in planned order), and how many trials it plans.
 */
public final class SweepSummary {

  private final SweepRecord sweep;
  private final List<TrialSummary> trials;
  private final List<TrialSummary> ranked;

  private SweepSummary(SweepRecord sweep, List<TrialSummary> trials) {
    this.sweep = sweep;
    this.trials = trials;
    this.ranked =
        trials.stream()
            .filter(t -> t.objective().isPresent())
            .sorted(Comparator.comparing(t -> t.objective().getAsDouble(), bestFirst(sweep.maximize())))
            .toList();
  }

  /** The sweep's summary from the store: its trials and the latest value of each of their metrics. */
  public static SweepSummary read(RunStore store, SweepRecord sweep) {
    return of(sweep, store.trials(sweep.id()), store.latestMetrics(sweep.id()));
  }

  /** The summary of {@code sweep}, its {@code trials} and their latest metrics by trial id, then name. */
  public static SweepSummary of(SweepRecord sweep, List<TrialRecord> trials, Map<String, Map<String, Double>> latestMetrics) {
    return new SweepSummary(
        sweep,
        trials.stream()
            .map(t -> TrialSummary.of(t, latestMetrics.getOrDefault(t.trialId(), Map.of()), sweep.metricName()))
            .toList());
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
