package io.gantry.worker.trial;

import io.gantry.protocol.trial.CheckpointFolders;
import java.nio.file.Path;
import java.util.Map;

/** The one seam through which a running trial's results leave the training loop. */
public interface TrialListener {

  /** Metrics measured at {@code step} (global optimisation step) during {@code epoch} (1-based). */
  void onMetrics(long step, int epoch, Map<String, Double> metrics);

  /** A file the trial wrote: {@code kind} is {@code samples}, {@link CheckpointFolders#KIND}, ... */
  void onArtifact(String kind, int epoch, long step, Path path);
}
