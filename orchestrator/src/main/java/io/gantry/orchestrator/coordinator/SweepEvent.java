package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.Map;

/** What can happen to a sweep; {@link SweepState#updated} applies one. */
public sealed interface SweepEvent {

  /** The search strategy proposed a new trial, which is queued. */
  record TrialAdded(String trialId, int seq, Map<String, Object> params, long seed) implements SweepEvent {}

  record TrialStarted(String trialId, String workerId) implements SweepEvent {}

  record MetricsReported(String trialId, long step, int epoch, Map<String, Double> metrics) implements SweepEvent {}

  /** The trial scheduler decided to stop the trial; its worker has been asked to. */
  record StopDecided(String trialId, Decision decision) implements SweepEvent {}

  record TrialEnded(String trialId, TrialStatus status, long lastStep) implements SweepEvent {}

  record TrialRequeued(String trialId) implements SweepEvent {}

  /** {@code gantry extend} raised the number of trials the sweep runs. */
  record LimitRaised(int maxTrials) implements SweepEvent {}

  /** The search strategy has no new configuration to propose: the sweep ends with the trials it has. */
  record SearchExhausted() implements SweepEvent {}

  /** Queued trials will not start; running ones are asked to stop. */
  record Cancelled() implements SweepEvent {}
}
