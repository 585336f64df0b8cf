package io.gantry.worker.trial;

import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Runs one trial to its end on the calling thread. Implementations poll {@code stopRequested}
 * between steps and return {@link TrialOutcome#stopped} when it turns true; an exception means
 * the trial failed.
 */
public interface TrialRunner {
  TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested)
      throws Exception;

  /**
   * Goes on with {@code spec} from {@code checkpoint}, a checkpoint folder this runner wrote for
   * it, to the end of its budget, as {@link #run} would have. Only runners that write checkpoints
   * are ever asked to.
   */
  default TrialOutcome resume(TrialSpec spec, Path checkpoint, TrialListener listener, BooleanSupplier stopRequested)
      throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " writes no checkpoints, so it resumes none");
  }
}
