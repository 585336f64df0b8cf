package io.gantry.orchestrator.search;

import java.util.List;

/**
 * What one finished trial showed a search strategy.
 *
 * @param value the trial's last value of the sweep's (first) metric
 * @param steps how many optimisation steps the trial trained
 * @param stoppedEarly whether a trial scheduler stopped it before its budget was spent; its value
 *     then says less than a completed trial's, as with Optuna's pruned trials
 * @param objectives the trial's last value of each of the sweep's metrics, in the file's order,
 *     each turned so that lower is better (a maximised metric's negated); empty where one of them
 *     has no finite value
 * @param violation how far the trial's metrics lie outside the sweep's constraints, 0 when it
 *     meets them all
 */
public record TrialResult(double value, long steps, boolean stoppedEarly, List<Double> objectives, double violation) {

  public TrialResult {
    objectives = List.copyOf(objectives);
  }

  /** A result of the first metric alone, which is all a strategy of one objective reads. */
  public TrialResult(double value, long steps, boolean stoppedEarly) {
    this(value, steps, stoppedEarly, List.of(), 0);
  }
}
