package io.gantry.orchestrator.coordinator;

import java.util.OptionalDouble;

/**
 * A sweep's progress as a person reads it: trials finished, running and queued, of which
 * failed or diverged, and the best objective so far.
 */
public record SweepProgress(
    String sweepId,
    int total,
    long finished,
    long running,
    long queued,
    long failed,
    String metricName,
    OptionalDouble best,
    boolean sweepFinished) {}
