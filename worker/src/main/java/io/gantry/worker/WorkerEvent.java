package io.gantry.worker;

import io.gantry.worker.trial.TrialOutcome;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What a worker tells the coordinator. The coordinator registers a receiver of these with the
 * Receptionist under {@link #SERVICE_KEY}; workers find it there, on any node of the cluster.
 */
public sealed interface WorkerEvent extends CborSerializable {

  ServiceKey<WorkerEvent> SERVICE_KEY = ServiceKey.create(WorkerEvent.class, "gantry-coordinator");

  /** The worker is idle and asks for a trial: workers pull, the coordinator never pushes. */
  record Ready(ActorRef<Worker.Command> worker, WorkerInfo info) implements WorkerEvent {}

  /** Metrics of a running trial, measured at {@code step}. */
  record Progress(String trialId, long step, int epoch, Map<String, Double> metrics, long timestampMillis)
      implements WorkerEvent {}

  /** A file the trial wrote (a sample grid, a checkpoint). */
  record Artifact(String trialId, String kind, int epoch, long step, String path) implements WorkerEvent {}

  /** The trial ended on this worker, one way or another. */
  record Ended(String trialId, ActorRef<Worker.Command> worker, TrialOutcome outcome) implements WorkerEvent {}
}
