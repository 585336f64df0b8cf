package io.gantry.protocol;

import io.gantry.protocol.transfer.FileManifest;
import io.gantry.protocol.trial.TrialOutcome;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What a worker tells the coordinator. The coordinator of the running sweep registers a receiver
 * of these with the Receptionist under {@link #SERVICE_KEY}, and the coordinator node keeps a
 * directory of workers under {@link #DIRECTORY_KEY}; workers find both there, from any node.
 */
public sealed interface WorkerEvent extends CborSerializable {

  ServiceKey<WorkerEvent> SERVICE_KEY = ServiceKey.create(WorkerEvent.class, "gantry-coordinator");

  ServiceKey<WorkerEvent> DIRECTORY_KEY = ServiceKey.create(WorkerEvent.class, "gantry-directory");

  /** The worker is idle and asks for a trial: workers pull, the coordinator never pushes. */
  record Ready(ActorRef<WorkerCommand> worker, WorkerInfo info) implements WorkerEvent {}

  /** The worker joined and introduces itself to the directory, whether a sweep runs or not. */
  record Hello(ActorRef<WorkerCommand> worker, WorkerInfo info) implements WorkerEvent {}

  /** Metrics of a running trial, measured at {@code step}. */
  record Progress(String trialId, long step, int epoch, Map<String, Double> metrics, long timestampMillis)
      implements WorkerEvent {}

  /** A piece of a file the trial wrote, which the {@link Artifact} after the last piece names. */
  record FileChunk(String trialId, String path, long offset, byte[] bytes) implements WorkerEvent {}

  /**
   * A file (a sample grid) or folder (a checkpoint) the trial wrote, sent just before in {@link
   * FileChunk}s; {@code path} is relative to the trial's folder.
   */
  record Artifact(String trialId, String kind, int epoch, long step, String path, FileManifest manifest)
      implements WorkerEvent {}

  /** The trial ended on this worker, one way or another. */
  record Ended(String trialId, ActorRef<WorkerCommand> worker, TrialOutcome outcome) implements WorkerEvent {}
}
