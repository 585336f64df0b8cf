package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.TrialStatus;
import java.util.Optional;
import java.util.OptionalDouble;

/** The coordinator's view of one trial: status, where it runs, and its objective so far. */
public record TrialState(
    String trialId, TrialStatus status, Optional<String> workerId, long lastStep, int attempt, OptionalDouble objective) {

  static TrialState queued(String trialId, int attempt) {
    return new TrialState(trialId, TrialStatus.QUEUED, Optional.empty(), 0, attempt, OptionalDouble.empty());
  }

  TrialState started(String worker) {
    return new TrialState(trialId, TrialStatus.RUNNING, Optional.of(worker), 0, attempt + 1, OptionalDouble.empty());
  }

  TrialState reported(long step, OptionalDouble value) {
    return new TrialState(
        trialId, status, workerId, Math.max(lastStep, step), attempt, value.isPresent() ? value : objective);
  }

  TrialState ended(TrialStatus finalStatus, long step) {
    return new TrialState(trialId, finalStatus, Optional.empty(), Math.max(lastStep, step), attempt, objective);
  }

  TrialState requeued() {
    return new TrialState(trialId, TrialStatus.QUEUED, Optional.empty(), 0, attempt, OptionalDouble.empty());
  }
}
