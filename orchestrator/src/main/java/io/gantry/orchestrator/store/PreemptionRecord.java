package io.gantry.orchestrator.store;

import java.time.Instant;

/** A trial that ended at its checkpoint at {@code step} for a sweep of a higher priority, and why. */
public record PreemptionRecord(String trialId, long step, String reason, Instant at) {}
