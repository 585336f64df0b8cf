package io.gantry.worker.trial;

import java.nio.file.Path;
import java.util.Map;

/** The one seam through which a running trial's results leave the training loop. */
public interface TrialListener {

  /** The kind of the artifact that is a checkpoint folder, which a trial can resume from. */
  String CHECKPOINT = "checkpoint";

  /** Metrics measured at {@code step} (global optimisation step) during {@code epoch} (1-based). */
  void onMetrics(long step, int epoch, Map<String, Double> metrics);

  /** A file the trial wrote: {@code kind} is {@code samples}, {@code checkpoint}, ... */
  void onArtifact(String kind, int epoch, long step, Path path);
}
