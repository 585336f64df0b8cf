package io.gantry.orchestrator.coordinator;

import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialRunner;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A trial runner shared by the workers of one device, for placement tests: every trial reports
 * once, then waits until {@link #open()}; it counts the trials running on the device now and at
 * most, which is what placement decides.
 */
final class GatedRunner implements TrialRunner {

  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger most = new AtomicInteger();

  /** Lets every waiting and later trial finish. */
  void open() {
    gate.countDown();
  }

  int running() {
    return running.get();
  }

  int most() {
    return most.get();
  }

  @Override
  public TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested) throws Exception {
    most.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      listener.onMetrics(1, 1, Map.of("val/score", ((Number) spec.params().get("x")).doubleValue()));
      // bounded, so that a test that fails before it opens the gate still ends
      gate.await(30, TimeUnit.SECONDS);
      return TrialOutcome.completed(ScriptedRunner.STEPS);
    } finally {
      running.decrementAndGet();
    }
  }
}
