package io.gantry.orchestrator.coordinator;

import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The workers a coordinator was given by its sweep service, and the trial each one runs. Owned by
 * the coordinator actor, which is the only one to touch it.
 */
final class WorkerPool {

  /** A trial running on a worker. */
  record Assignment(String trialId, WorkerInfo info) {}

  private final Map<ActorRef<WorkerCommand>, WorkerInfo> known = new HashMap<>();
  private final Map<ActorRef<WorkerCommand>, Assignment> busy = new HashMap<>();

  /** The {@code worker}, which drives {@code info}'s device, now runs {@code trialId}; true if it was not known before (so it is to be watched). */
  boolean assign(ActorRef<WorkerCommand> worker, WorkerInfo info, String trialId) {
    boolean isNew = known.put(worker, info) == null;
    busy.put(worker, new Assignment(trialId, info));
    return isNew;
  }

  /** The worker ended {@code trialId}; empty if that is not the trial it was running. */
  Optional<Assignment> finished(ActorRef<WorkerCommand> worker, String trialId) {
    Assignment assignment = busy.get(worker);
    if (assignment == null || !assignment.trialId().equals(trialId)) {
      return Optional.empty();
    }
    return Optional.of(busy.remove(worker));
  }

  /** The trial the worker runs here, if any, which it must have ended since it asks for work; it runs none now. */
  Optional<Assignment> finishedUnheard(ActorRef<WorkerCommand> worker) {
    return Optional.ofNullable(busy.remove(worker));
  }

  /** The worker is gone; the trial it was running, if any. */
  Optional<Assignment> lost(ActorRef<WorkerCommand> worker) {
    known.remove(worker);
    return Optional.ofNullable(busy.remove(worker));
  }

  /** Asks the worker running {@code trialId}, if any, to stop it. */
  void stop(String trialId) {
    tellRunning(trialId, new WorkerCommand.StopTrial(trialId));
  }

  /** Asks the worker running {@code trialId}, if any, to end it at its next checkpoint. */
  void preempt(String trialId) {
    tellRunning(trialId, new WorkerCommand.PreemptTrial(trialId));
  }

  private void tellRunning(String trialId, WorkerCommand command) {
    busy.forEach(
        (worker, assignment) -> {
          if (assignment.trialId().equals(trialId)) {
            worker.tell(command);
          }
        });
  }

  /** Asks every busy worker to stop its trial. */
  void stopAll() {
    busy.forEach((worker, assignment) -> worker.tell(new WorkerCommand.StopTrial(assignment.trialId())));
  }
}
