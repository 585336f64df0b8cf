/**
 * Trial schedulers, which decide at each report of the sweep's metric whether a trial goes on or
 * stops ({@link io.gantry.orchestrator.schedule.TrialScheduler}), as Optuna's pruners and Ray
 * Tune's schedulers do: none ({@link io.gantry.orchestrator.schedule.FifoScheduler}), ASHA, Hyperband
 * and the median stopping rule. They are pure functions of the trials' histories ({@link
 * io.gantry.orchestrator.schedule.TrialHistory}); {@link
 * io.gantry.orchestrator.schedule.TrialSchedulers} picks the one a sweep file names.
 */
package io.gantry.orchestrator.schedule;
