package io.gantry.protocol.trial;

import io.gantry.protocol.CborSerializable;

/** How a trial ended on its worker, with the last step it reached and why, where that matters. */
public record TrialOutcome(Kind kind, long lastStep, String reason) implements CborSerializable {

  public enum Kind {
    COMPLETED,
    DIVERGED,
    STOPPED,
    /** Ended at its newest checkpoint, as its sweep service asked, to go on from there later. */
    PREEMPTED,
    FAILED
  }

  public static TrialOutcome completed(long lastStep) {
    return new TrialOutcome(Kind.COMPLETED, lastStep, "");
  }

  public static TrialOutcome diverged(long step, String reason) {
    return new TrialOutcome(Kind.DIVERGED, step, reason);
  }

  public static TrialOutcome stopped(long step) {
    return new TrialOutcome(Kind.STOPPED, step, "stop requested");
  }

  public static TrialOutcome preempted(long step) {
    return new TrialOutcome(Kind.PREEMPTED, step, "preempted at its checkpoint");
  }

  public static TrialOutcome failed(long step, String reason) {
    return new TrialOutcome(Kind.FAILED, step, reason);
  }
}
