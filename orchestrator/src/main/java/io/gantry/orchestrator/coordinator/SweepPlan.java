package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.TrialScheduler;
import io.gantry.orchestrator.search.SearchStrategy;
import io.gantry.orchestrator.sweep.ReplaySettings;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a sweep runs: what every trial shares, from which the coordinator makes each trial's spec,
 * and how trials are chosen and stopped.
 *
 * @param seed trial {@code n} (from 1) trains with seed {@code seed + n}
 * @param maxTrials how many trials the sweep file asks for; {@code gantry extend} may raise it in
 *     the store, which the coordinator reads
 * @param search proposes the parameters of new trials; the coordinator that runs the plan asks it
 *     when a worker is idle and tells it every finished trial, so it belongs to that coordinator
 * @param scheduler decides at each report of the sweep's metric whether a trial goes on
 * @param resources which workers may run the sweep's trials
 * @param scheduling how the sweep shares workers with the other sweeps that run at the same time
 * @param population how the members of a {@code method: pbt} sweep breed; empty for other methods
 * @param replay where the one trial of a {@code method: replay} sweep changes its parameters; empty
 *     for other methods
 */
public record SweepPlan(
    String sweepId,
    String model,
    DatasetSpec dataset,
    Budget budget,
    int reportEvery,
    Path artifactDir,
    long seed,
    int maxTrials,
    SearchStrategy search,
    TrialScheduler scheduler,
    Resources resources,
    Scheduling scheduling,
    Optional<PopulationPlan> population,
    Optional<ReplaySettings> replay) {

  public TrialSpec trialSpec(TrialState trial) {
    return new TrialSpec(
        sweepId,
        trial.trialId(),
        model,
        dataset,
        trial.params(),
        replay.map(r -> r.budgetFrom(trial.lastStep(), budget)).orElse(budget),
        trial.seed(),
        reportEvery,
        artifactDir.resolve(trial.trialId()).toAbsolutePath().toString());
  }
}
