package io.gantry.orchestrator.service;

/**
 * A worker that runs a trial, as the scheduler across sweeps sees it.
 *
 * @param workerId the worker's name, as {@code host/cpu:0}
 * @param startOrder when the trial started on it, in the order of all starts in this process
 * @param preempting whether the trial was already asked to end at its next checkpoint
 */
public record BusyWorker(String workerId, String device, String sweepId, String trialId, long startOrder, boolean preempting) {}
