package io.gantry.orchestrator.store;

import java.time.Instant;
import java.util.Optional;

/** A sweep as stored: what it optimises and where its files live. */
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
    Optional<Instant> finishedAt) {

  public boolean maximize() {
    return "maximize".equalsIgnoreCase(metricGoal);
  }
}
