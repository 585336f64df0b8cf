package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.Map;

/**
 * What the coordinator has just recorded in the store, published on the actor system's event
 * stream after each write, for whoever follows runs live (trackers, the web UI).
 */
public sealed interface RunEvent {

  String sweepId();

  /** The search strategy proposed a new trial, queued with these parameters and seed. */
  record TrialAdded(String sweepId, String trialId, int seq, Map<String, Object> params, long seed) implements RunEvent {}

  record TrialStarted(String sweepId, String trialId, Map<String, Object> params, String workerId, String device, int attempt)
      implements RunEvent {}

  record MetricsReported(String sweepId, String trialId, long step, int epoch, Map<String, Double> metrics, long timestampMillis)
      implements RunEvent {}

  record ArtifactSaved(String sweepId, String trialId, ArtifactRecord artifact) implements RunEvent {}

  record TrialRequeued(String sweepId, String trialId, String reason) implements RunEvent {}

  /** The trial ended at its checkpoint at {@code step} for a sweep of a higher priority, and is queued to resume from it. */
  record TrialPreempted(String sweepId, String trialId, long step, String reason) implements RunEvent {}

  record TrialEnded(String sweepId, String trialId, TrialStatus status, long lastStep, String message) implements RunEvent {}

  record SweepEnded(String sweepId, SweepStatus status) implements RunEvent {}
}
