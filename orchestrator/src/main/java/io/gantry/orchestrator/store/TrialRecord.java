package io.gantry.orchestrator.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An immutable snapshot of one trial as stored. {@code attempt} counts the times it was started;
 * {@code stopRung} is where a trial scheduler stopped it (an epoch or a step), if one did.
 */
public record TrialRecord(
    String sweepId,
    String trialId,
    int seq,
    Map<String, Object> params,
    long seed,
    TrialStatus status,
    Optional<String> worker,
    Optional<String> device,
    long lastStep,
    int attempt,
    Optional<String> message,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    OptionalLong stopRung) {

  /** A trial that has not started yet. */
  public static TrialRecord queued(String sweepId, String trialId, int seq, Map<String, Object> params, long seed) {
    return new TrialRecord(
        sweepId, trialId, seq, params, seed, TrialStatus.QUEUED, Optional.empty(), Optional.empty(), 0, 0,
        Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
  }
}
