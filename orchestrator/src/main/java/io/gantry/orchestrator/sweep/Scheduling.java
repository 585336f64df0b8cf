package io.gantry.orchestrator.sweep;

/**
 * How a sweep shares workers with the other sweeps a coordinator runs at once: the sweep file's
 * {@code priority}, {@code weight}, {@code max_concurrent_trials} and {@code preemptible}.
 *
 * @param priority from {@value #LEAST_PRIORITY} to {@value #MOST_PRIORITY}; a sweep of higher
 *     priority is served first and preempts sweeps of lower priority
 * @param weight from 1 to {@value #MOST_WEIGHT}: sweeps of the same priority get workers in
 *     proportion to their weights
 * @param maxConcurrentTrials how many of the sweep's trials may run at once, from 1 to {@value
 *     #MOST_CONCURRENT_TRIALS}, or {@link #UNLIMITED}
 * @param preemptible whether the sweep's trials may be preempted for a sweep of higher priority
 */
public record Scheduling(int priority, int weight, int maxConcurrentTrials, boolean preemptible) {

  /** {@code priority: high}. */
  public static final int HIGH = 10;

  /** {@code priority: normal}, the default. */
  public static final int NORMAL = 0;

  /** {@code priority: low}. */
  public static final int LOW = -10;

  public static final int LEAST_PRIORITY = -1000;

  public static final int MOST_PRIORITY = 1000;

  public static final int MOST_WEIGHT = 1000;

  public static final int MOST_CONCURRENT_TRIALS = 10_000;

  /** {@code maxConcurrentTrials} of a sweep whose file sets no {@code max_concurrent_trials}. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** What a sweep file without any of the four keys asks for. */
  public static final Scheduling DEFAULT = new Scheduling(NORMAL, 1, UNLIMITED, true);

  public Scheduling {
    boolean concurrencyOk =
        maxConcurrentTrials == UNLIMITED
            || (maxConcurrentTrials >= 1 && maxConcurrentTrials <= MOST_CONCURRENT_TRIALS);
    if (priority < LEAST_PRIORITY
        || priority > MOST_PRIORITY
        || weight < 1
        || weight > MOST_WEIGHT
        || !concurrencyOk) {
      throw new IllegalArgumentException(
          "bad scheduling: priority "
              + priority
              + ", weight "
              + weight
              + ", max concurrent trials "
              + maxConcurrentTrials);
    }
  }
}
