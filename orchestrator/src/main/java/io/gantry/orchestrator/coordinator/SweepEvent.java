package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What can happen to a sweep. The coordinator's {@link SweepJournal} persists each event to the
 * store, applies it to the sweep's state ({@link SweepState#updated}) and then publishes it on the
 * actor system's event stream, for whoever follows sweeps live (tracking, the web UI, the worker
 * directory).
 */
public sealed interface SweepEvent {

  String sweepId();

  /** The search strategy proposed a new trial, which is queued with these parameters and seed. */
  record TrialAdded(String sweepId, String trialId, int seq, Map<String, Object> params, long seed) implements SweepEvent {}

  /**
   * The trial's {@code attempt}-th run began on the worker, taking {@code gpuFraction} of its GPU
   * (the sweep's {@code gpu_fraction}, 1 for the whole device); {@code note} says how it resumed, if
   * it did.
   */
  record TrialStarted(
      String sweepId, String trialId, Map<String, Object> params, String workerId, String device, double gpuFraction,
      int attempt, Optional<String> note, Instant at)
      implements SweepEvent {}

  record MetricsReported(String sweepId, String trialId, long step, int epoch, Map<String, Double> metrics, long timestampMillis)
      implements SweepEvent {}

  record ArtifactSaved(String sweepId, String trialId, ArtifactRecord artifact) implements SweepEvent {}

  /**
   * The trial scheduler decided to stop the trial; its worker has been asked to. The store learns
   * the decision with the trial's end, which names the rung and the reason.
   */
  record StopDecided(String sweepId, String trialId, Decision decision) implements SweepEvent {}

  /** The trial goes back to the queue, for {@code reason} (its worker was lost, its process stopped, ...). */
  record TrialRequeued(String sweepId, String trialId, String reason) implements SweepEvent {}

  /** The trial ended at its checkpoint at {@code step} for a sweep of a higher priority, and is queued to resume from it. */
  record TrialPreempted(String sweepId, String trialId, long step, String reason, Instant at) implements SweepEvent {}

  /**
   * Population-based training: the trial, stopped in the bottom of its population, took the
   * checkpoint of a member of the top at {@code exploit}'s step, and is queued to go on from there
   * with the exploit's new parameters and the parent's seed; {@code message} says so for people.
   */
  record TrialExploited(String sweepId, LineageRecord exploit, String message) implements SweepEvent {}

  /** The trial ended; {@code stopRung} is the rung at which a trial scheduler stopped it, if one did. */
  record TrialEnded(String sweepId, String trialId, TrialStatus status, long lastStep, String message, OptionalLong stopRung, Instant at)
      implements SweepEvent {}

  /** {@code gantry extend} raised the number of trials the sweep runs (and stored it). */
  record LimitRaised(String sweepId, int maxTrials) implements SweepEvent {}

  /** The search strategy has no new configuration to propose: the sweep ends with the trials it has. */
  record SearchExhausted(String sweepId) implements SweepEvent {}

  /** Queued trials will not start; running ones are asked to stop. The sweep's end records it as cancelled. */
  record Cancelled(String sweepId) implements SweepEvent {}

  /** The end, with the trial whose objective was best at that moment, if any reported one. */
  record SweepEnded(String sweepId, SweepStatus status, Instant at, Optional<Best> best) implements SweepEvent {}

  /** A trial and its objective, the sweep's metric by the read model's ranking. */
  record Best(String trialId, double objective) {}
}
