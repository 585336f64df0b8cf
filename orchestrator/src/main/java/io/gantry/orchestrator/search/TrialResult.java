package io.gantry.orchestrator.search;

/**
 * What one finished trial showed a search strategy.
 *
 * @param value the trial's last value of the sweep's metric
 * @param steps how many optimisation steps the trial trained
 * @param stoppedEarly whether a trial scheduler stopped it before its budget was spent; its value
 *     then says less than a completed trial's, as with Optuna's pruned trials
 */
public record TrialResult(double value, long steps, boolean stoppedEarly) {}
