package io.gantry.orchestrator.tracking;

/**
 * An operation on the run named {@code runKey}: the sweep's id for a sweep's parent run, {@code
 * <sweep id>/<trial id>} for a trial's run. The key is also the run's {@code gantry.run_key} tag,
 * by which a retried creation finds a run it made before.
 */
record TrackingEntry(String runKey, TrackingOp op) {

  static String sweepKey(String sweepId) {
    return sweepId;
  }

  static String trialKey(String sweepId, String trialId) {
    return sweepId + "/" + trialId;
  }
}
