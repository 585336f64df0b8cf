package io.gantry.orchestrator.store;

import io.gantry.protocol.trial.CheckpointFolders;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where sweeps, trials, metric histories and artifacts are kept. The coordinator is the only
 * writer; the CLI and the HTTP API read. Every write is one transaction, so a crash in the middle
 * of one trial's update never touches another trial.
 */
public interface RunStore extends AutoCloseable {

  /** A fresh sweep id for a sweep called {@code name}: the name and a running number. */
  String newSweepId(String name);

  void createSweep(SweepRecord sweep, List<TrialRecord> trials);

  /** A new trial of a running sweep, as its search strategy proposed it. */
  void addTrial(TrialRecord trial);

  /**
   * The trial runs on {@code worker}, with {@code note} as its message (how it resumed); an
   * earlier attempt's metrics and artifacts stay, since a resumed trial goes on with them.
   */
  void trialStarted(String sweepId, String trialId, String worker, String device, int attempt, Optional<String> note, Instant at);

  /** The trial goes back to the queue, e.g. because its worker was lost. */
  void trialRequeued(String sweepId, String trialId, String reason);

  /**
   * The trial ended at its checkpoint at {@code step} so that a sweep of a higher priority gets
   * its worker, and goes back to the queue; the preemption is recorded with its reason.
   */
  void trialPreempted(String sweepId, String trialId, long step, String reason, Instant at);

  /** The sweep's preemptions, oldest first. */
  List<PreemptionRecord> preemptions(String sweepId);

  /**
   * Population-based training's exploit: the trial takes {@code exploit}'s new parameters and seed,
   * goes back to the queue with {@code message}, and the exploit joins the sweep's lineage.
   */
  void trialExploited(LineageRecord exploit, String message);

  /** The sweep's exploits, in the order they happened. */
  List<LineageRecord> lineage(String sweepId);

  void trialEnded(String sweepId, String trialId, TrialStatus status, long lastStep, String message, Instant at);

  /** The trial ended as stopped by a trial scheduler at {@code rung}, for {@code reason}. */
  void trialStopped(String sweepId, String trialId, long lastStep, long rung, String reason, Instant at);

  void appendMetrics(String sweepId, String trialId, List<MetricPoint> points);

  /** Metrics of several trials in one transaction, as a busy coordinator writes them. */
  void appendMetrics(String sweepId, Map<String, List<MetricPoint>> pointsByTrial);

  /** Records a file of the trial; one recorded before at the same path is replaced. */
  void addArtifact(String sweepId, String trialId, ArtifactRecord artifact);

  void sweepEnded(String sweepId, SweepStatus status, Instant at);

  /**
   * How many trials the sweep is to run, as {@link SweepRecord#maxTrials()} says: empty for a
   * sweep stored without it and never extended, whose file's max_trials then applies.
   */
  OptionalInt trialLimit(String sweepId);

  /**
   * Sets the sweep to run {@code maxTrials} trials in all and marks it running again; returns its
   * status before, so the caller knows whether a coordinator is already at work on it.
   */
  SweepStatus extendSweep(String sweepId, int maxTrials);

  /** Every sweep, newest first. */
  List<SweepRecord> sweeps();

  /** The sweep with this id, or else the newest sweep with this name. */
  Optional<SweepRecord> sweep(String idOrName);

  /** The sweep's trials in the order they were planned. */
  List<TrialRecord> trials(String sweepId);

  /** The trial's metric history ordered by metric name, then step. */
  List<MetricPoint> metrics(String sweepId, String trialId);

  /**
   * The latest value (at the highest step) of every metric of every trial of the sweep: trial id,
   * then metric name, to value. Kept as metrics are written, so that it reads quickly however long
   * the histories are.
   */
  Map<String, Map<String, Double>> latestMetrics(String sweepId);

  /** The latest value of every metric of one trial, by name. */
  Map<String, Double> latestMetrics(String sweepId, String trialId);

  /** The trial's files, checkpoints included, ordered by epoch. */
  List<ArtifactRecord> artifacts(String sweepId, String trialId);

  /** The folder of the trial's newest checkpoint (at the highest step), if it has one. */
  default Optional<Path> latestCheckpoint(String sweepId, String trialId) {
    return artifacts(sweepId, trialId).stream()
        .filter(a -> CheckpointFolders.KIND.equals(a.kind()))
        .max(Comparator.comparingLong(ArtifactRecord::step))
        .map(a -> Path.of(a.path()));
  }

  /**
   * The latest file of {@code kind} (the one at the highest step) of every trial of the sweep that
   * has one, trial id to file: one read for a whole sweep, as its trials table wants it.
   */
  Map<String, ArtifactRecord> latestArtifacts(String sweepId, String kind);

  /**
   * Runs {@code writes}, which call this store's write methods, as one transaction: all of them
   * are recorded, or none.
   */
  void atomically(Runnable writes);

  /** Adds rows to the tracking outbox, all or none. */
  void addOutboxRows(List<OutboxRow> rows);

  /** Keeps a pair shown on a trial's quiz page until it is answered. */
  void addQuizPair(QuizPair pair);

  Optional<QuizPair> quizPair(String id);

  /**
   * Records the one answer to pair {@code id}: whether it was {@code fooled}. Returns false, and
   * changes nothing, when the pair has an answer already.
   */
  boolean answerQuizPair(String id, boolean fooled, Instant at);

  /** The answered pairs of a trial. */
  QuizTally quizTally(String sweepId, String trialId);


  @Override
  void close();
}
