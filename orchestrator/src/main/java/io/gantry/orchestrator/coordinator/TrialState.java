package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.schedule.TrialHistory;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The coordinator's view of one trial: what it runs with, its status, where it runs, the reports of
 * the sweep's metric it made (what schedulers judge), and a scheduler's decision to stop it while
 * the worker has yet to end it.
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
    Optional<Decision> stop) {

  static TrialState queued(String trialId, int seq, Map<String, Object> params, long seed, int attempt) {
    return new TrialState(
        trialId, seq, params, seed, TrialStatus.QUEUED, Optional.empty(), 0, attempt,
        new TrialHistory(trialId, seq, List.of()), Optional.empty());
  }

  /** The latest value of the sweep's metric. */
  public OptionalDouble objective() {
    return history.lastValue().map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  TrialState started(String worker) {
    return new TrialState(
        trialId, seq, params, seed, TrialStatus.RUNNING, Optional.of(worker), 0, attempt + 1, fresh(), Optional.empty());
  }

  /** A report; once a scheduler decided to stop the trial, it is judged as it stood then. */
  TrialState reported(long step, Optional<TrialHistory.Report> report) {
    TrialHistory next = stop.isPresent() ? history : report.map(history::with).orElse(history);
    return new TrialState(trialId, seq, params, seed, status, workerId, Math.max(lastStep, step), attempt, next, stop);
  }

  TrialState stopping(Decision decision) {
    return new TrialState(trialId, seq, params, seed, status, workerId, lastStep, attempt, history, Optional.of(decision));
  }

  TrialState ended(TrialStatus finalStatus, long step) {
    Optional<Decision> stoppedBy = finalStatus == TrialStatus.STOPPED ? stop : Optional.empty();
    return new TrialState(
        trialId, seq, params, seed, finalStatus, Optional.empty(), Math.max(lastStep, step), attempt, history, stoppedBy);
  }

  TrialState requeued() {
    return new TrialState(
        trialId, seq, params, seed, TrialStatus.QUEUED, Optional.empty(), 0, attempt, fresh(), Optional.empty());
  }

  private TrialHistory fresh() {
    return new TrialHistory(trialId, seq, List.of());
  }
}
