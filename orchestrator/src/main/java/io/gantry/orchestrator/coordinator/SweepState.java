package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.schedule.TrialHistory;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.view.SweepSummary;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/**
 * A sweep's state as one immutable value: every change is a pure {@link #updated(SweepEvent)},
 * so the coordinator's decisions can be tested without actors. Trials are added as the search
 * strategy proposes them, until {@code maxTrials} exist, the strategy runs dry or the sweep is
 * cancelled.
 */
public record SweepState(
    String sweepId,
    String metricName,
    boolean maximize,
    Map<String, TrialState> trials,
    int maxTrials,
    boolean exhausted,
    boolean cancelled) {

  public SweepState {
    trials = Collections.unmodifiableMap(new LinkedHashMap<>(trials));
  }

  /**
   * The state of a sweep read back from the store, with each trial's recorded metrics in {@code
   * metrics} (by trial id). Trials that were running when the last coordinator stopped go back to
   * the queue with what they recorded, to resume from their checkpoints; finished ones stay
   * finished, with their reports of the sweep's metric, which schedulers and search strategies use.
   */
  public static SweepState of(
      String sweepId, String metricName, boolean maximize, int maxTrials, List<TrialRecord> records,
      Map<String, List<MetricPoint>> metrics) {
    Map<String, TrialState> trials = new LinkedHashMap<>();
    for (TrialRecord r : records) {
      List<MetricPoint> points = metrics.getOrDefault(r.trialId(), List.of());
      // a report's metrics share its step: the companions of a value are the points of its step
      Map<Long, Map<String, Double>> byStep = new HashMap<>();
      points.stream()
          .filter(p -> TrialHistory.COMPANIONS.contains(p.name()))
          .forEach(p -> byStep.computeIfAbsent(p.step(), step -> new HashMap<>()).put(p.name(), p.value()));
      List<TrialHistory.Report> reports =
          points.stream()
              .filter(p -> p.name().equals(metricName) && !Double.isNaN(p.value()))
              .map(p -> new TrialHistory.Report(p.step(), p.epoch(), p.value(), byStep.getOrDefault(p.step(), Map.of())))
              .toList();
      Map<String, Long> recordedSteps = new HashMap<>();
      points.forEach(p -> recordedSteps.merge(p.name(), p.step(), Math::max));
      TrialStatus status = r.status().isFinished() ? r.status() : TrialStatus.QUEUED;
      Optional<Decision> stop =
          r.status().isFinished() && r.stopRung().isPresent()
              ? Optional.of(Decision.stop(r.stopRung().getAsLong(), r.message().orElse("")))
              : Optional.empty();
      trials.put(
          r.trialId(),
          new TrialState(
              r.trialId(), r.seq(), r.params(), r.seed(), status, Optional.empty(), r.lastStep(), r.attempt(),
              new TrialHistory(r.trialId(), r.seq(), reports), stop, recordedSteps));
    }
    return new SweepState(sweepId, metricName, maximize, trials, maxTrials, false, false);
  }

  public SweepState updated(SweepEvent event) {
    // Java 17 has no pattern matching for switch, so the sealed events are told apart here.
    if (event instanceof SweepEvent.TrialAdded e) {
      Map<String, TrialState> next = new LinkedHashMap<>(trials);
      next.put(e.trialId(), TrialState.queued(e.trialId(), e.seq(), e.params(), e.seed(), 0));
      return new SweepState(sweepId, metricName, maximize, next, maxTrials, exhausted, cancelled);
    } else if (event instanceof SweepEvent.TrialStarted e) {
      return with(e.trialId(), t -> t.started(e.workerId(), e.attempt()));
    } else if (event instanceof SweepEvent.MetricsReported e) {
      Optional<TrialHistory.Report> report =
          objectiveOf(e.metrics()).map(value -> TrialHistory.Report.of(e.step(), e.epoch(), value, e.metrics()));
      return with(e.trialId(), t -> t.reported(e.step(), e.metrics(), report));
    } else if (event instanceof SweepEvent.StopDecided e) {
      return with(e.trialId(), t -> t.stopping(e.decision()));
    } else if (event instanceof SweepEvent.TrialEnded e) {
      return with(e.trialId(), t -> t.ended(e.status(), e.lastStep()));
    } else if (event instanceof SweepEvent.TrialRequeued e) {
      return with(e.trialId(), TrialState::requeued);
    } else if (event instanceof SweepEvent.TrialPreempted e) {
      return with(e.trialId(), TrialState::requeued);
    } else if (event instanceof SweepEvent.TrialExploited e) {
      return with(e.exploit().trialId(), t -> t.exploited(e.exploit().newParams(), e.exploit().newSeed()));
    } else if (event instanceof SweepEvent.LimitRaised e) {
      return new SweepState(sweepId, metricName, maximize, trials, Math.max(maxTrials, e.maxTrials()), false, cancelled);
    } else if (event instanceof SweepEvent.SearchExhausted) {
      return new SweepState(sweepId, metricName, maximize, trials, maxTrials, true, cancelled);
    } else if (event instanceof SweepEvent.Cancelled) {
      return cancel();
    } else {
      // files and the sweep's end change nothing the coordinator decides by
      return this;
    }
  }

  /** The next trial to start: the first queued one in planned order, unless cancelled. */
  public Optional<String> nextQueued() {
    if (cancelled) {
      return Optional.empty();
    }
    return trials.values().stream().filter(t -> t.status() == TrialStatus.QUEUED).map(TrialState::trialId).findFirst();
  }

  /** Whether the sweep takes another trial from its search strategy. */
  public boolean wantsNewTrial() {
    return !cancelled && !exhausted && trials.size() < maxTrials;
  }

  /**
   * How many trials the sweep could start now: its queued ones, and the new ones its search may
   * still propose (it may run dry sooner).
   */
  public int startable() {
    if (cancelled) {
      return 0;
    }
    long fresh = wantsNewTrial() ? (long) maxTrials - trials.size() : 0;
    return (int) Math.min(Integer.MAX_VALUE, count(TrialStatus.QUEUED) + fresh);
  }

  /** Whether a trial of the sweep already runs, or ran, with exactly these parameters. */
  public boolean hasConfig(Map<String, Object> params) {
    return trials.values().stream().anyMatch(t -> t.params().equals(params));
  }

  /** The parameters of the trials that are queued or running, in planned order. */
  public List<Map<String, Object>> unfinishedParams() {
    return trials.values().stream().filter(t -> !t.status().isFinished()).map(TrialState::params).toList();
  }

  /** Whether a report with these metrics adds a value of the sweep's metric to its trial's history. */
  public boolean reportsObjective(Map<String, Double> metrics) {
    return objectiveOf(metrics).isPresent();
  }

  /** The histories of every trial that has reported the sweep's metric, for the scheduler. */
  public List<TrialHistory> histories() {
    return trials.values().stream().map(TrialState::history).filter(h -> !h.reports().isEmpty()).toList();
  }

  public boolean isFinished() {
    return !wantsNewTrial() && trials.values().stream().allMatch(t -> t.status().isFinished());
  }

  public long count(TrialStatus status) {
    return trials.values().stream().filter(t -> t.status() == status).count();
  }

  /** The best objective reported so far by any trial, by the sweep's goal, ranked as the read model ranks. */
  public OptionalDouble best() {
    return bestTrial().map(b -> OptionalDouble.of(b.objective())).orElse(OptionalDouble.empty());
  }

  /** The trial with the best objective so far, the earliest one of a tie. */
  public Optional<SweepEvent.Best> bestTrial() {
    return trials.values().stream()
        .filter(t -> t.objective().isPresent())
        .map(t -> new SweepEvent.Best(t.trialId(), t.objective().getAsDouble()))
        .min(Comparator.comparing(SweepEvent.Best::objective, SweepSummary.bestFirst(maximize)));
  }

  public SweepProgress progress() {
    long finished = trials.values().stream().filter(t -> t.status().isFinished()).count();
    int total = SweepSummary.plannedTrials(!exhausted && !cancelled, maxTrials, trials.size());
    return new SweepProgress(
        sweepId, total, finished, count(TrialStatus.RUNNING), count(TrialStatus.QUEUED) + total - trials.size(),
        count(TrialStatus.FAILED) + count(TrialStatus.DIVERGED), metricName, best(), isFinished());
  }

  private Optional<Double> objectiveOf(Map<String, Double> metrics) {
    Double value = metrics.get(metricName);
    return value == null || value.isNaN() ? Optional.empty() : Optional.of(value);
  }

  private SweepState with(String trialId, UnaryOperator<TrialState> change) {
    TrialState trial = trials.get(trialId);
    if (trial == null) {
      throw new IllegalArgumentException("sweep " + sweepId + " has no trial " + trialId);
    }
    Map<String, TrialState> next = new LinkedHashMap<>(trials);
    next.put(trialId, change.apply(trial));
    return new SweepState(sweepId, metricName, maximize, next, maxTrials, exhausted, cancelled);
  }

  private SweepState cancel() {
    Map<String, TrialState> next = new LinkedHashMap<>(trials);
    next.replaceAll((id, t) -> t.status() == TrialStatus.QUEUED ? t.ended(TrialStatus.STOPPED, 0) : t);
    return new SweepState(sweepId, metricName, maximize, next, maxTrials, exhausted, true);
  }
}
