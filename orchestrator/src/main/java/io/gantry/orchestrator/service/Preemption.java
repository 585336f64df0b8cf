package io.gantry.orchestrator.service;

/** A trial to end at its next checkpoint so that a sweep of a higher priority gets its worker. */
public record Preemption(String workerId, String sweepId, String trialId, String forSweepId, String reason) {}
