package io.gantry.orchestrator.coordinator;

import io.gantry.worker.Worker;
import io.gantry.worker.WorkerInfo;
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

  private final Deque<ActorRef<Worker.Command>> idle = new ArrayDeque<>();
  private final Map<ActorRef<Worker.Command>, WorkerInfo> known = new HashMap<>();
  private final Map<ActorRef<Worker.Command>, Assignment> busy = new HashMap<>();

  /** The worker asks for work; true if it was not known before (so it is to be watched). */
  boolean ready(ActorRef<Worker.Command> worker, WorkerInfo info) {
    boolean isNew = known.put(worker, info) == null;
    if (!busy.containsKey(worker) && !idle.contains(worker)) {
      idle.addLast(worker);
    }
    return isNew;
  }

  /** The idle worker whose device {@code accepts} takes and which has been idle the longest. */
  Optional<ActorRef<Worker.Command>> idle(Predicate<String> accepts) {
    return idle.stream().filter(worker -> accepts.test(known.get(worker).device())).findFirst();
  }

  /** The idle {@code worker} now runs {@code trialId}. */
  void assign(ActorRef<Worker.Command> worker, String trialId) {
    idle.remove(worker);
    busy.put(worker, new Assignment(trialId, known.get(worker)));
  }

  WorkerInfo info(ActorRef<Worker.Command> worker) {
    return known.get(worker);
  }

  /** The worker ended {@code trialId}; empty if that is not the trial it was running. */
  Optional<Assignment> finished(ActorRef<Worker.Command> worker, String trialId) {
    Assignment assignment = busy.get(worker);
    if (assignment == null || !assignment.trialId().equals(trialId)) {
      return Optional.empty();
    }
    return Optional.of(busy.remove(worker));
  }

  /** The trial the worker runs here, if any, which it must have ended since it asks for work; it runs none now. */
  Optional<Assignment> finishedUnheard(ActorRef<Worker.Command> worker) {
    return Optional.ofNullable(busy.remove(worker));
  }

  /** The worker is gone; the trial it was running, if any. */
  Optional<Assignment> lost(ActorRef<Worker.Command> worker) {
    idle.remove(worker);
    known.remove(worker);
    return Optional.ofNullable(busy.remove(worker));
  }

  /** Asks the worker running {@code trialId}, if any, to stop it. */
  void stop(String trialId) {
    busy.forEach(
        (worker, assignment) -> {
          if (assignment.trialId().equals(trialId)) {
            worker.tell(new Worker.StopTrial(trialId));
          }
        });
  }

  /** Asks every busy worker to stop its trial. */
  void stopAll() {
    busy.forEach((worker, assignment) -> worker.tell(new Worker.StopTrial(assignment.trialId())));
  }
}
