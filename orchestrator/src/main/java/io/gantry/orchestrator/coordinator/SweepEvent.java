package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.TrialStatus;
import java.util.Map;

/** What can happen to a sweep; {@link SweepState#updated} applies one. */
public sealed interface SweepEvent {

  record TrialStarted(String trialId, String workerId) implements SweepEvent {}

  record MetricsReported(String trialId, long step, Map<String, Double> metrics) implements SweepEvent {}

  record TrialEnded(String trialId, TrialStatus status, long lastStep) implements SweepEvent {}

  record TrialRequeued(String trialId) implements SweepEvent {}

  /** Queued trials will not start; running ones are asked to stop. */
  record Cancelled() implements SweepEvent {}
}
