package io.gantry.orchestrator.coordinator;

import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialRunner;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * A trial runner for actor tests that needs no DJL: it reports {@code val/score = x * step} for
 * a few steps, throws when the trial's {@code x} is negative, and, when built as hanging, blocks
 * until {@link #release()} as a worker wedged in a long step would.
 */
final class ScriptedRunner implements TrialRunner {

  static final int STEPS = 5;

  private final boolean hangs;
  private final long pauseMillis;
  private final CountDownLatch release = new CountDownLatch(1);

  ScriptedRunner(boolean hangs) {
    this(hangs, 5);
  }

  /** A runner that pauses {@code pauseMillis} after each report, long enough for a stop to arrive. */
  ScriptedRunner(boolean hangs, long pauseMillis) {
    this.hangs = hangs;
    this.pauseMillis = pauseMillis;
  }

  void release() {
    release.countDown();
  }

  @Override
  public TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested) throws Exception {
    double x = ((Number) spec.params().get("x")).doubleValue();
    if (x < 0) {
      throw new IllegalStateException("x must not be negative");
    }
    for (int step = 1; step <= STEPS; step++) {
      if (stopRequested.getAsBoolean()) {
        return TrialOutcome.stopped(step - 1);
      }
      listener.onMetrics(step, 1, Map.of("val/score", x * step));
      if (hangs) {
        release.await();
        return TrialOutcome.stopped(step);
      }
      Thread.sleep(pauseMillis);
    }
    return TrialOutcome.completed(STEPS);
  }
}
