package io.gantry.orchestrator.store;

/** Where a sweep stands: running until every trial is finished, or cancelled. */
public enum SweepStatus {
  RUNNING,
  FINISHED,
  CANCELLED
}
