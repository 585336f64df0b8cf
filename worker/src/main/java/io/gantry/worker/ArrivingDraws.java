package io.gantry.worker;

import io.gantry.protocol.transfer.FileManifest;
import io.gantry.protocol.transfer.Folders;
import io.gantry.protocol.transfer.IncomingFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The checkpoints sent for image draws, each in a folder of its own under the worker's scratch
 * folder, apart from the trial's, so that a draw and a trial handed over at the same time never
 * touch each other's files. Used by the worker actor alone.
 */
final class ArrivingDraws {

  private final Path root;
  private final Map<String, IncomingFile> arriving = new HashMap<>();

  ArrivingDraws(Path root) {
    this.root = root;
  }

  void append(String drawId, long offset, byte[] bytes) throws IOException {
    IncomingFile file = arriving.get(drawId);
    if (file == null) {
      file = IncomingFile.at(folderOf(drawId).resolve("checkpoint"));
      arriving.put(drawId, file);
    }
    file.append(offset, bytes);
  }

  /** The checkpoint folder of {@code drawId}, checked against {@code manifest}; throws if it did not arrive whole. */
  Path complete(String drawId, FileManifest manifest) throws IOException {
    IncomingFile file = arriving.remove(drawId);
    if (file == null) {
      throw new IOException("no checkpoint arrived for draw " + drawId);
    }
    return file.complete(manifest);
  }

  /** Deletes what the draw left. */
  void done(String drawId) throws IOException {
    Folders.deleteTree(folderOf(drawId));
  }

  private Path folderOf(String drawId) {
    // the id comes from the other side: only its safe characters name a folder
    return root.resolve(drawId.replaceAll("[^A-Za-z0-9_-]", "_"));
  }
}
