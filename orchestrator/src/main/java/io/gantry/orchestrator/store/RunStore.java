package io.gantry.orchestrator.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sweeps, trials, metric histories and artifacts are kept. The coordinator is the only
 * writer; the CLI and the HTTP API read. Every write is one transaction, so a crash in the middle
 * of one trial's update never touches another trial.
 */
public interface RunStore extends AutoCloseable {

  /** A fresh sweep id for a sweep called {@code name}: the name and a running number. */
  String newSweepId(String name);

  void createSweep(SweepRecord sweep, List<TrialRecord> trials);

  /** The trial runs on {@code worker}; an earlier attempt's metrics and artifacts are dropped. */
  void trialStarted(String sweepId, String trialId, String worker, String device, int attempt, Instant at);

  /** The trial goes back to the queue, e.g. because its worker was lost. */
  void trialRequeued(String sweepId, String trialId, String reason);

  void trialEnded(String sweepId, String trialId, TrialStatus status, long lastStep, String message, Instant at);

  void appendMetrics(String sweepId, String trialId, List<MetricPoint> points);

  void addArtifact(String sweepId, String trialId, ArtifactRecord artifact);

  void sweepEnded(String sweepId, SweepStatus status, Instant at);

  /** Every sweep, newest first. */
  List<SweepRecord> sweeps();

  /** The sweep with this id, or else the newest sweep with this name. */
  Optional<SweepRecord> sweep(String idOrName);

  /** The sweep's trials in the order they were planned. */
  List<TrialRecord> trials(String sweepId);

  /** The trial's metric history ordered by metric name, then step. */
  List<MetricPoint> metrics(String sweepId, String trialId);

  /** The trial's files, checkpoints included, ordered by epoch. */
  List<ArtifactRecord> artifacts(String sweepId, String trialId);

  @Override
  void close();
}
