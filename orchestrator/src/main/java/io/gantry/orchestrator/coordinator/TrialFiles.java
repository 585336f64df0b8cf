package io.gantry.orchestrator.coordinator;

import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerEvent;
import io.gantry.protocol.transfer.FileManifest;
import io.gantry.protocol.transfer.IncomingFile;
import io.gantry.protocol.transfer.OutgoingFile;
import io.gantry.protocol.trial.CheckpointFolders;
import io.gantry.protocol.transfer.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The sweep's trial files on this node: those workers send as their trials write them, put where
 * the web UI, MLflow tracking and a resumed trial look for them (the same path under the sweep's
 * artifact folder as under the worker's trial folder), and the checkpoint sent to the worker that
 * resumes a trial. Owned by the coordinator actor.
 */
final class TrialFiles {

  private final Path artifactDir;
  private final Map<String, IncomingFile> arriving = new HashMap<>();

  TrialFiles(Path artifactDir) {
    this.artifactDir = artifactDir.toAbsolutePath().normalize();
  }

  /**
   * Sends the trial's newest checkpoint to {@code worker}, if it has one, ahead of the trial
   * itself; returns what the worker is to resume from.
   */
  Optional<WorkerCommand.ResumeFrom> sendCheckpoint(String trialId, ActorRef<WorkerCommand> worker) throws IOException {
    Optional<Path> folder = CheckpointFolders.latest(trialFolder(trialId));
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    String name = folder.get().getFileName().toString();
    FileManifest manifest =
        OutgoingFile.send(folder.get(), (offset, bytes) -> worker.tell(new WorkerCommand.CheckpointChunk(trialId, name, offset, bytes)));
    return Optional.of(new WorkerCommand.ResumeFrom(name, CheckpointFolders.step(folder.get()), manifest));
  }

  /** The trial's newest complete checkpoint on this node, if it has one. */
  Optional<Path> newestCheckpoint(String trialId) throws IOException {
    return CheckpointFolders.latest(trialFolder(trialId));
  }

  /** The trial's earliest complete checkpoint on this node at {@code step} or later, if it has one. */
  Optional<Path> checkpointFrom(String trialId, long step) throws IOException {
    return CheckpointFolders.firstFrom(trialFolder(trialId), step);
  }

  /**
   * Puts a copy of {@code checkpoint}, another trial's, among the trial's checkpoints under its
   * name, as the trial's newest, where its resume finds it: the trial's own from that step on go.
   * Copied beside it first and then moved into place, so a crash never leaves half a checkpoint
   * for a resume to find.
   */
  void adoptCheckpoint(String trialId, Path checkpoint) throws IOException {
    long step = CheckpointFolders.step(checkpoint);
    for (Optional<Path> own = CheckpointFolders.firstFrom(trialFolder(trialId), step);
        own.isPresent();
        own = CheckpointFolders.firstFrom(trialFolder(trialId), step)) {
      Folders.deleteFlat(own.get());
    }
    Path target = CheckpointFolders.named(trialFolder(trialId), checkpoint.getFileName().toString());
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Folders.deleteFlat(partial);
    Files.createDirectories(partial);
    // the properties last: a folder that has them holds everything, as readers of checkpoints assume
    try (Stream<Path> files = Files.list(checkpoint)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!file.getFileName().toString().equals(CheckpointFolders.PROPERTIES)) {
          Files.copy(file, partial.resolve(file.getFileName()));
        }
      }
    }
    Files.copy(checkpoint.resolve(CheckpointFolders.PROPERTIES), partial.resolve(CheckpointFolders.PROPERTIES));
    Folders.deleteFlat(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private Path trialFolder(String trialId) {
    return artifactDir.resolve(trialId);
  }

  void chunk(WorkerEvent.FileChunk chunk) throws IOException {
    String key = key(chunk.trialId(), chunk.path());
    IncomingFile file = arriving.get(key);
    if (file == null || chunk.offset() == 0) {
      file = IncomingFile.at(target(chunk.trialId(), chunk.path()));
      arriving.put(key, file);
    }
    file.append(chunk.offset(), chunk.bytes());
  }

  /** Puts the file named by {@code artifact} in place; throws if it did not arrive whole. */
  Path complete(WorkerEvent.Artifact artifact) throws IOException {
    IncomingFile file = arriving.remove(key(artifact.trialId(), artifact.path()));
    if (file == null) {
      throw new IOException("no part of " + artifact.path() + " of trial " + artifact.trialId() + " arrived");
    }
    return file.complete(artifact.manifest());
  }

  /** Drops what arrived of the trial's unfinished files: its worker is gone. */
  void abandon(String trialId) throws IOException {
    String prefix = trialId + "/";
    for (String key : Map.copyOf(arriving).keySet()) {
      if (key.startsWith(prefix)) {
        arriving.remove(key).abandon();
      }
    }
  }

  private Path target(String trialId, String relative) throws IOException {
    Path folder = trialFolder(trialId);
    Path target = folder.resolve(relative).normalize();
    // a worker names files inside its trial's folder; anything else is refused, not written
    if (!target.startsWith(folder) || target.equals(folder)) {
      throw new IOException("trial " + trialId + " sent " + relative + ", which is outside its folder");
    }
    return target;
  }

  private static String key(String trialId, String path) {
    return trialId + "/" + path;
  }
}
