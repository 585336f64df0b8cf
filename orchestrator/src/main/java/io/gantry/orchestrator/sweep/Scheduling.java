package io.gantry.orchestrator.sweep;

/**
 * How a sweep shares the cluster's workers with the other sweeps that run at the same time.
 *
 * @param priority sweeps of a higher priority are served first and preempt lower ones
 * @param weight among sweeps of one priority, each gets workers in proportion to its weight
 * @param maxConcurrentTrials the most trials of the sweep that run at once
 * @param preemptible whether the sweep's trials may be preempted by sweeps of a higher priority
 */
public record Scheduling(int priority, int weight, int maxConcurrentTrials, boolean preemptible) {

  /** What a sweep file that says nothing of scheduling asks for. */
  public static final Scheduling DEFAULT = new Scheduling(0, 1, Integer.MAX_VALUE, true);
}
