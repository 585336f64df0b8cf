package io.gantry.orchestrator.service;

import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import io.gantry.protocol.WorkerInfo;

/**
 * What the scheduler across sweeps knows of one active sweep at a moment.
 *
 * @param order the sweep's place in the order sweeps started in this process, for ties
 * @param startable how many trials the sweep could start now: queued ones and new ones its search
 *     may still propose
 * @param running how many workers run (or are offered to run) a trial of the sweep
 * @param lastServed when the sweep last got a worker, in the order of all offers (-1: never)
 */
public record SweepShare(
    String sweepId, long order, Scheduling scheduling, Resources resources, int startable, int running, long lastServed) {

  /** Whether the sweep could start a trial on {@code worker} now, its GPU shared as {@code shares} say. */
  boolean wants(WorkerInfo worker, GpuShares shares) {
    return wantsMore() && resources.accepts(worker) && shares.admits(worker, gpuFraction());
  }

  /** How much of its GPU each of its trials takes. */
  double gpuFraction() {
    return resources.gpuFraction();
  }

  /** Whether the sweep could start another trial somewhere now. */
  boolean wantsMore() {
    return startable > 0 && running < scheduling.maxConcurrentTrials();
  }

  /** The trials it could start beyond those it runs, within its own limit. */
  int unmet() {
    return wantsMore() ? Math.min(startable, scheduling.maxConcurrentTrials() - running) : 0;
  }

  /** Its share of workers per unit of weight once it has one more: what fair share evens out. */
  double shareWithOneMore() {
    return (running + 1.0) / scheduling.weight();
  }

  int priority() {
    return scheduling.priority();
  }
}
