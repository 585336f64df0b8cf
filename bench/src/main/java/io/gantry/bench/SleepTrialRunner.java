package io.gantry.bench;

import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialOutcome;
import io.gantry.worker.trial.TrialRunner;
import io.gantry.worker.trial.TrialSpec;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The trial runner of benchmark worker processes. A trial of model {@value #MODEL} trains nothing:
 * each of its budget's steps sleeps {@code step_ms} milliseconds and reports four metrics ({@code
 * val/score}, {@code train/loss}, and when the trial started and this step ended, in epoch
 * milliseconds). Every other model trains with DJL as in {@code gantry run}. It is registered as a
 * {@link java.util.ServiceLoader} service, so the worker processes a benchmark starts with this
 * module on their classpath use it.
 */
public final class SleepTrialRunner implements TrialRunner {

  /** The model name of trials that only sleep; no sweep file can name it. */
  public static final String MODEL = "sleep";

  private final TrialRunner djl = new DjlTrialRunner();

  @Override
  public TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested) throws Exception {
    if (!MODEL.equals(spec.model())) {
      return djl.run(spec, listener, stopRequested);
    }
    long stepMs = ((Number) spec.params().get("step_ms")).longValue();
    double started = System.currentTimeMillis();
    for (long step = 1; step <= spec.budget().steps(); step++) {
      if (stopRequested.getAsBoolean()) {
        return TrialOutcome.stopped(step - 1);
      }
      if (stepMs > 0) {
        Thread.sleep(stepMs);
      }
      listener.onMetrics(
          step,
          1,
          Map.of(
              "val/score", (double) step,
              "train/loss", 1.0 / step,
              "bench/started_ms", started,
              "bench/ended_ms", (double) System.currentTimeMillis()));
    }
    return TrialOutcome.completed(spec.budget().steps());
  }
}
