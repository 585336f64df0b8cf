package io.gantry.orchestrator.store;

/** Where a trial stands. Diverged trials hit NaN or infinity; stopped ones were asked to stop. */
public enum TrialStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  DIVERGED,
  STOPPED;

  public boolean isFinished() {
    return this != QUEUED && this != RUNNING;
  }
}
