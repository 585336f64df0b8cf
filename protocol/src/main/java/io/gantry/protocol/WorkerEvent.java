package io.gantry.protocol;

import io.gantry.protocol.transfer.FileManifest;
import io.gantry.protocol.trial.TrialOutcome;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What a worker tells the coordinator. The sweep service of the coordinator's process registers a
 * receiver of these with the Receptionist under {@link #SERVICE_KEY} and hands each to the sweep it
 * concerns, and the coordinator node keeps a directory of workers under {@link #DIRECTORY_KEY};
 * workers find both there, from any node. Everything a worker says goes to the one receiver, so it
 * arrives in the order it was said: a trial's end always before the worker's next request.
 */
public sealed interface WorkerEvent extends CborSerializable {

  ServiceKey<WorkerEvent> SERVICE_KEY = ServiceKey.create(WorkerEvent.class, "gantry-coordinator");

  ServiceKey<WorkerEvent> DIRECTORY_KEY = ServiceKey.create(WorkerEvent.class, "gantry-directory");

  /** The worker is idle and asks for a trial: workers pull, the coordinator never pushes. */
  record Ready(ActorRef<WorkerCommand> worker, WorkerInfo info) implements WorkerEvent {}

  /** The worker joined and introduces itself to the directory, whether a sweep runs or not. */
  record Hello(ActorRef<WorkerCommand> worker, WorkerInfo info) implements WorkerEvent {}

  /** What a worker says of one trial of one sweep. */
  sealed interface OfTrial extends WorkerEvent {
    String sweepId();

    String trialId();
  }

  /** Metrics of a running trial, measured at {@code step}. */
  record Progress(String sweepId, String trialId, long step, int epoch, Map<String, Double> metrics, long timestampMillis)
      implements OfTrial {}

  /** A piece of a file the trial wrote, which the {@link Artifact} after the last piece names. */
  record FileChunk(String sweepId, String trialId, String path, long offset, byte[] bytes) implements OfTrial {}

  /**
   * A file (a sample grid) or folder (a checkpoint) the trial wrote, sent just before in {@link
   * FileChunk}s; {@code path} is relative to the trial's folder.
   */
  record Artifact(String sweepId, String trialId, String kind, int epoch, long step, String path, FileManifest manifest)
      implements OfTrial {}

  /** The trial ended on this worker, one way or another. */
  record Ended(String sweepId, String trialId, ActorRef<WorkerCommand> worker, TrialOutcome outcome) implements OfTrial {}
}
