package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/**
 * A sweep's state as one immutable value: every change is a pure {@link #updated(SweepEvent)},
 * so the coordinator's decisions can be tested without actors.
 */
public record SweepState(String sweepId, String metricName, boolean maximize, Map<String, TrialState> trials, boolean cancelled) {

  public SweepState {
    trials = Collections.unmodifiableMap(new LinkedHashMap<>(trials));
  }

  /**
   * The state of a sweep read back from the store. Trials that were running when the last
   * coordinator stopped go back to the queue; finished ones stay finished.
   */
  public static SweepState of(String sweepId, String metricName, boolean maximize, List<TrialRecord> records) {
    Map<String, TrialState> trials = new LinkedHashMap<>();
    for (TrialRecord record : records) {
      TrialState trial =
          record.status().isFinished()
              ? new TrialState(record.trialId(), record.status(), Optional.empty(), record.lastStep(), record.attempt(), OptionalDouble.empty())
              : TrialState.queued(record.trialId(), record.attempt());
      trials.put(record.trialId(), trial);
    }
    return new SweepState(sweepId, metricName, maximize, trials, false);
  }

  public SweepState updated(SweepEvent event) {
    // Java 17 has no pattern matching for switch, so the sealed events are told apart here.
    if (event instanceof SweepEvent.TrialStarted e) {
      return with(e.trialId(), t -> t.started(e.workerId()));
    } else if (event instanceof SweepEvent.MetricsReported e) {
      return with(e.trialId(), t -> t.reported(e.step(), objectiveOf(e.metrics())));
    } else if (event instanceof SweepEvent.TrialEnded e) {
      return with(e.trialId(), t -> t.ended(e.status(), e.lastStep()));
    } else if (event instanceof SweepEvent.TrialRequeued e) {
      return with(e.trialId(), TrialState::requeued);
    } else {
      return cancel();
    }
  }

  /** The next trial to start: the first queued one in planned order, unless cancelled. */
  public Optional<String> nextQueued() {
    if (cancelled) {
      return Optional.empty();
    }
    return trials.values().stream().filter(t -> t.status() == TrialStatus.QUEUED).map(TrialState::trialId).findFirst();
  }

  public boolean isFinished() {
    return trials.values().stream().allMatch(t -> t.status().isFinished());
  }

  public long count(TrialStatus status) {
    return trials.values().stream().filter(t -> t.status() == status).count();
  }

  /** The best objective reported so far by any trial, by the sweep's goal. */
  public OptionalDouble best() {
    return trials.values().stream()
        .map(TrialState::objective)
        .filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble)
        .reduce(maximize ? Math::max : Math::min);
  }

  public SweepProgress progress() {
    long finished = trials.values().stream().filter(t -> t.status().isFinished()).count();
    return new SweepProgress(
        sweepId, trials.size(), finished, count(TrialStatus.RUNNING), count(TrialStatus.QUEUED),
        count(TrialStatus.FAILED) + count(TrialStatus.DIVERGED), metricName, best(), isFinished());
  }

  private OptionalDouble objectiveOf(Map<String, Double> metrics) {
    Double value = metrics.get(metricName);
    return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  private SweepState with(String trialId, UnaryOperator<TrialState> change) {
    TrialState trial = trials.get(trialId);
    if (trial == null) {
      throw new IllegalArgumentException("sweep " + sweepId + " has no trial " + trialId);
    }
    Map<String, TrialState> next = new LinkedHashMap<>(trials);
    next.put(trialId, change.apply(trial));
    return new SweepState(sweepId, metricName, maximize, next, cancelled);
  }

  private SweepState cancel() {
    Map<String, TrialState> next = new LinkedHashMap<>(trials);
    next.replaceAll((id, t) -> t.status() == TrialStatus.QUEUED ? t.ended(TrialStatus.STOPPED, 0) : t);
    return new SweepState(sweepId, metricName, maximize, next, true);
  }
}
