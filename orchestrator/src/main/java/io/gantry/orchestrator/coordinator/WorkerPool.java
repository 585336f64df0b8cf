package io.gantry.orchestrator.coordinator;

import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The workers a coordinator knows: the idle ones in the order they asked for work, and the trial
 * each busy one runs. Owned by the coordinator actor, which is the only one to touch it.
 */
final class WorkerPool {

  /** A trial running on a worker. */
  record Assignment(String trialId, WorkerInfo info) {}

  private final Deque<ActorRef<WorkerCommand>> idle = new ArrayDeque<>();
  private final Map<ActorRef<WorkerCommand>, WorkerInfo> known = new HashMap<>();
  private final Map<ActorRef<WorkerCommand>, Assignment> busy = new HashMap<>();

  /** The worker asks for work; true if it was not known before (so it is to be watched). */
  boolean ready(ActorRef<WorkerCommand> worker, WorkerInfo info) {
    boolean isNew = known.put(worker, info) == null;
    if (!busy.containsKey(worker) && !idle.contains(worker)) {
      idle.addLast(worker);
    }
    return isNew;
  }

  /** The idle worker whose device {@code accepts} takes and which has been idle the longest. */
  Optional<ActorRef<WorkerCommand>> idle(Predicate<String> accepts) {
    return idle.stream().filter(worker -> accepts.test(known.get(worker).device())).findFirst();
  }

  /** The idle {@code worker} now runs {@code trialId}. */
  void assign(ActorRef<WorkerCommand> worker, String trialId) {
    idle.remove(worker);
    busy.put(worker, new Assignment(trialId, known.get(worker)));
  }

  WorkerInfo info(ActorRef<WorkerCommand> worker) {
    return known.get(worker);
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
    idle.remove(worker);
    known.remove(worker);
    return Optional.ofNullable(busy.remove(worker));
  }

  /** Asks the worker running {@code trialId}, if any, to stop it. */
  void stop(String trialId) {
    busy.forEach(
        (worker, assignment) -> {
          if (assignment.trialId().equals(trialId)) {
            worker.tell(new WorkerCommand.StopTrial(trialId));
          }
        });
  }

  /** Asks every busy worker to stop its trial. */
  void stopAll() {
    busy.forEach((worker, assignment) -> worker.tell(new WorkerCommand.StopTrial(assignment.trialId())));
  }
}
