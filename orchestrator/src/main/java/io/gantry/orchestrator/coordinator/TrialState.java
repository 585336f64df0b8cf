package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.schedule.TrialHistory;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The coordinator's view of one trial: what it runs with, its status, where it runs, the reports of
 * the sweep's metric it made (what schedulers judge), a scheduler's decision to stop it while the
 * worker has yet to end it, and the last step recorded of each metric. A trial that goes back to
 * the queue keeps its reports: its next attempt resumes from its checkpoint or starts over with
 * the same seed, and either way reports again what was recorded, which {@link #unrecorded} drops.
 */
public record TrialState(
    String trialId,
    int seq,
    Map<String, Object> params,
    long seed,
    TrialStatus status,
    Optional<String> workerId,
    long lastStep,
    int attempt,
    TrialHistory history,
    Optional<Decision> stop,
    Map<String, Long> recordedSteps) {

  public TrialState {
    recordedSteps = Map.copyOf(recordedSteps);
  }

  static TrialState queued(String trialId, int seq, Map<String, Object> params, long seed, int attempt) {
    return new TrialState(
        trialId, seq, params, seed, TrialStatus.QUEUED, Optional.empty(), 0, attempt,
        new TrialHistory(trialId, seq, List.of()), Optional.empty(), Map.of());
  }

  /** The latest value of the sweep's metric. */
  public OptionalDouble objective() {
    return history.lastValue().map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  /** The metrics of a report made at {@code step} that are not recorded yet. */
  public Map<String, Double> unrecorded(long step, Map<String, Double> metrics) {
    Map<String, Double> fresh = new LinkedHashMap<>();
    metrics.forEach(
        (name, value) -> {
          if (step > recordedSteps.getOrDefault(name, -1L)) {
            fresh.put(name, value);
          }
        });
    return fresh;
  }

  TrialState started(String worker, int startedAttempt) {
    return new TrialState(
        trialId, seq, params, seed, TrialStatus.RUNNING, Optional.of(worker), lastStep, startedAttempt, history,
        Optional.empty(), recordedSteps);
  }

  /**
   * A report of metrics not recorded before; once a scheduler decided to stop the trial, it is
   * judged as it stood then.
   */
  TrialState reported(long step, Map<String, Double> metrics, Optional<TrialHistory.Report> report) {
    TrialHistory next = stop.isPresent() ? history : report.map(history::with).orElse(history);
    Map<String, Long> recorded = new HashMap<>(recordedSteps);
    metrics.keySet().forEach(name -> recorded.merge(name, step, Math::max));
    return new TrialState(
        trialId, seq, params, seed, status, workerId, Math.max(lastStep, step), attempt, next, stop, recorded);
  }

  TrialState stopping(Decision decision) {
    return new TrialState(
        trialId, seq, params, seed, status, workerId, lastStep, attempt, history, Optional.of(decision), recordedSteps);
  }

  TrialState ended(TrialStatus finalStatus, long step) {
    Optional<Decision> stoppedBy = finalStatus == TrialStatus.STOPPED ? stop : Optional.empty();
    return new TrialState(
        trialId, seq, params, seed, finalStatus, Optional.empty(), Math.max(lastStep, step), attempt, history, stoppedBy,
        recordedSteps);
  }

  /** Queued to go on from another member's checkpoint with {@code newParams} and its {@code newSeed}. */
  TrialState exploited(Map<String, Object> newParams, long newSeed) {
    return new TrialState(
        trialId, seq, newParams, newSeed, TrialStatus.QUEUED, Optional.empty(), lastStep, attempt, history, Optional.empty(),
        recordedSteps);
  }

  TrialState requeued() {
    return new TrialState(
        trialId, seq, params, seed, TrialStatus.QUEUED, Optional.empty(), lastStep, attempt, history, Optional.empty(),
        recordedSteps);
  }
}
