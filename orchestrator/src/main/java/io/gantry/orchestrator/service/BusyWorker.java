package io.gantry.orchestrator.service;

import io.gantry.protocol.WorkerInfo;

/**
 * A worker that runs a trial, as the scheduler across sweeps sees it.
 *
 * @param worker who the worker is: its name (as {@code host/cpu:0}), device and threads
 * @param startOrder when the trial started on it, in the order of all starts in this process
 * @param preempting whether the trial was already asked to end at its next checkpoint
 */
public record BusyWorker(WorkerInfo worker, String sweepId, String trialId, long startOrder, boolean preempting) {

  public String workerId() {
    return worker.workerId();
  }
}
