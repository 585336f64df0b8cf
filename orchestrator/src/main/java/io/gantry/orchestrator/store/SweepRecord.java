package io.gantry.orchestrator.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sweep as stored: what it optimises and where its files live. {@code maxTrials} is how many
 * trials it is to run: its file's {@code max_trials} (for a grid, the grid's size when smaller),
 * recorded when it was stored, or what {@code gantry extend} raised that to; empty for a sweep
 * stored by a version that did not record it and never extended.
 */
public record SweepRecord(
    String id,
    String name,
    String model,
    String method,
    String metricName,
    String metricGoal,
    SweepStatus status,
    String specYaml,
    String sourcePath,
    String artifactDir,
    Instant createdAt,
    Optional<Instant> finishedAt,
    OptionalInt maxTrials) {

  public boolean maximize() {
    return "maximize".equalsIgnoreCase(metricGoal);
  }
}
