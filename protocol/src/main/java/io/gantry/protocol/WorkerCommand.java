package io.gantry.protocol;

import io.gantry.protocol.transfer.FileManifest;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialSpec;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a worker understands. The records here are what the coordinator sends it across nodes; the
 * interface is not sealed because the worker actor's own internal messages implement it too, its
 * behaviour being of this type.
 */
public interface WorkerCommand {

  /**
   * The coordinator's answer to {@link WorkerEvent.Ready}: run this trial, report to replyTo; with
   * {@code resume}, from the checkpoint sent just before in {@link CheckpointChunk}s.
   */
  record AssignTrial(TrialSpec spec, ActorRef<WorkerEvent> replyTo, Optional<ResumeFrom> resume)
      implements WorkerCommand, CborSerializable {}

  /** The checkpoint a trial resumes from: its folder's name under {@code checkpoints/}, and what was sent. */
  record ResumeFrom(String checkpoint, long step, FileManifest manifest) implements CborSerializable {}

  /** A piece of the checkpoint the next {@link AssignTrial} of {@code trialId} resumes from. */
  record CheckpointChunk(String trialId, String checkpoint, long offset, byte[] bytes)
      implements WorkerCommand, CborSerializable {}

  /** Stop the running trial if it is this one; it ends as stopped. */
  record StopTrial(String trialId) implements WorkerCommand, CborSerializable {}

  /**
   * End the running trial, if it is this one, at its next checkpoint, to go on from there later:
   * it ends as preempted (or completes, if its budget ends first).
   */
  record PreemptTrial(String trialId) implements WorkerCommand, CborSerializable {}

  /** A piece of the checkpoint folder that the {@link DrawImages} of {@code drawId} draws from. */
  record DrawChunk(String drawId, long offset, byte[] bytes) implements WorkerCommand, CborSerializable {}

  /**
   * Draw {@code count} images from a trial's checkpoint, sent just before in {@link DrawChunk}s,
   * and as many real ones from its data set's test split, each draw seeded by {@code seed}; answer
   * replyTo with a {@link DrawReply}. The worker draws between trials, on its trial thread.
   */
  record DrawImages(
      String drawId, String model, Map<String, Object> params, DatasetSpec dataset, FileManifest checkpoint, int count,
      long seed, ActorRef<DrawReply> replyTo)
      implements WorkerCommand, CborSerializable {}
}
