package io.gantry.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a worker process's exit status reads to whoever started it. A worker that left the cluster
 * may be started again; one that refused its device must not be, since it would refuse again.
 */
public final class WorkerExit {

  /** The worker left the cluster (it lost the coordinator): start it again and it rejoins. */
  public static final int LEFT_CLUSTER = 3;

  /**
   * The worker was asked to drive a GPU its engine cannot see; the last line it wrote says what it
   * found and what to install.
   */
  public static final int NO_DEVICE = 4;

  private WorkerExit() {}

  /** The last line a refusing worker wrote to {@code log}, where its output went. */
  public static String refusal(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i);
        }
      }
      return "the worker exited without saying why; see " + log;
    } catch (IOException e) {
      return "the worker refused its device; its log " + log + " cannot be read: " + e.getMessage();
    }
  }

  /** {@link #refusal} when {@code status} is {@link #NO_DEVICE}. */
  public static Optional<String> refusal(int status, Path log) {
    return status == NO_DEVICE ? Optional.of(refusal(log)) : Optional.empty();
  }
}
