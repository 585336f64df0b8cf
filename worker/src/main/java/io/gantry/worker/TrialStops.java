package io.gantry.worker;

import io.gantry.protocol.trial.TrialOutcome;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a running trial is asked to end: stopped for good (by hand, by its trial scheduler, by a
 * cancelled sweep) or preempted, which lets it run to its next checkpoint and end there, so that
 * it goes on later from that checkpoint having lost nothing. The training loop polls one flag
 * before every step; a preemption raises it once the next checkpoint is on its way.
 */
final class TrialStops {

  private final AtomicBoolean stopNow = new AtomicBoolean();
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final AtomicBoolean preemptRequested = new AtomicBoolean();

  /** What the training loop polls before each step. */
  boolean stopNow() {
    return stopNow.get();
  }

  void stop() {
    stopRequested.set(true);
    stopNow.set(true);
  }

  void preempt() {
    preemptRequested.set(true);
  }

  /** Called on the trial's thread once a checkpoint is written and sent. */
  void checkpointSent() {
    if (preemptRequested.get()) {
      stopNow.set(true);
    }
  }

  /** The outcome as the coordinator is to hear it: a trial that stopped at a checkpoint for a preemption was preempted. */
  TrialOutcome told(TrialOutcome outcome) {
    boolean preempted = outcome.kind() == TrialOutcome.Kind.STOPPED && preemptRequested.get() && !stopRequested.get();
    return preempted ? TrialOutcome.preempted(outcome.lastStep()) : outcome;
  }
}
