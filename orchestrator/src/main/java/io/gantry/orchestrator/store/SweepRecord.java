package io.gantry.orchestrator.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sweep as stored: what it optimises and where its files live. {@code maxTrials} is how many
 * trials it is to run: its file's {@code max_trials} (for a grid, the grid's size when smaller),
 * recorded when it was stored, or what {@code gantry extend} raised that to; empty for a sweep
 * stored by a version that did not record it and never extended. {@code objectives} holds every
 * metric the sweep optimises, {@code metricName} and {@code metricGoal} being its first, and its
 * constraints.
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
    OptionalInt maxTrials,
    Objectives objectives) {

  public SweepRecord {
    Objectives.Target first = objectives.metrics().get(0);
    if (!first.name().equals(metricName) || !first.goal().equalsIgnoreCase(metricGoal)) {
      throw new IllegalArgumentException(
          "the first objective " + first + " is not the sweep's metric " + metricName + " (" + metricGoal + ")");
    }
  }

  /** A sweep of the one metric {@code metricName}, without constraints. */
  public SweepRecord(
      String id, String name, String model, String method, String metricName, String metricGoal,
      SweepStatus status, String specYaml, String sourcePath, String artifactDir, Instant createdAt,
      Optional<Instant> finishedAt, OptionalInt maxTrials) {
    this(
        id, name, model, method, metricName, metricGoal, status, specYaml, sourcePath, artifactDir, createdAt,
        finishedAt, maxTrials, Objectives.single(metricName, Objectives.Target.maximizes(metricGoal)));
  }

  public boolean maximize() {
    return Objectives.Target.maximizes(metricGoal);
  }
}
