package io.gantry.worker.trial;

import java.util.function.BooleanSupplier;

/**
 * Runs one trial to its end on the calling thread. Implementations poll {@code stopRequested}
 * between steps and return {@link TrialOutcome#stopped} when it turns true; an exception means
 * the trial failed.
 */
public interface TrialRunner {
  TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested)
      throws Exception;
}
