package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.search.SearchStrategy;
import io.gantry.orchestrator.search.TrialResult;
import io.gantry.orchestrator.store.Objectives;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The coordinator's side of the ask / tell conversation with a sweep's {@link SearchStrategy}: it
 * asks for a new trial when a worker is idle, passing over any configuration the sweep already has
 * (the same resolved configuration never runs twice in a sweep), and tells the strategy each trial
 * that ended with a value of the sweep's metric.
 */
final class TrialSource {

  /**
   * Proposals in a row that a sweep already has, beyond one per trial it has, before the strategy
   * counts as exhausted: a random or TPE search over a few listed values runs out of new
   * configurations this way. The allowance per trial lets a fresh grid or random search of an
   * extended sweep replay the configurations it proposed before.
   */
  static final int MAX_REPEATS = 100;

  private final SweepPlan plan;
  private final Objectives objectives;
  private final Function<String, Map<String, Double>> latestMetrics;

  /**
   * The source of {@code plan}'s trials, which tells the strategy each trial's values of {@code
   * objectives}, read from the {@code latestMetrics} of the trial of an id.
   */
  TrialSource(SweepPlan plan, Objectives objectives, Function<String, Map<String, Double>> latestMetrics) {
    this.plan = plan;
    this.objectives = objectives;
    this.latestMetrics = latestMetrics;
  }

  /**
   * A new queued trial for {@code state}, numbered after its last one; empty if none is new. The
   * strategy is told which trials are queued or running, so that several asked for at once differ.
   */
  Optional<TrialRecord> next(SweepState state) {
    List<Map<String, Object>> running = state.unfinishedParams();
    for (int repeats = 0; repeats < state.trials().size() + MAX_REPEATS; repeats++) {
      Optional<Map<String, Object>> params = plan.search().ask(running);
      if (params.isEmpty()) {
        return Optional.empty();
      }
      if (!state.hasConfig(params.get())) {
        int seq = state.trials().size() + 1;
        return Optional.of(
            TrialRecord.queued(state.sweepId(), String.format("t%03d", seq), seq, params.get(), plan.seed() + seq));
      }
    }
    return Optional.empty();
  }

  /**
   * Tells the strategy how {@code trial} ended, if it completed or a scheduler stopped it and it
   * has a value; trials that failed, diverged or were stopped by hand say nothing of their
   * parameters.
   */
  void observe(TrialState trial) {
    boolean stoppedEarly = trial.status() == TrialStatus.STOPPED && trial.stop().isPresent();
    if ((trial.status() == TrialStatus.COMPLETED || stoppedEarly) && trial.objective().isPresent()) {
      Map<String, Double> latest = latestMetrics.apply(trial.trialId());
      plan.search()
          .tell(
              trial.params(),
              new TrialResult(
                  trial.objective().getAsDouble(), trial.lastStep(), stoppedEarly,
                  objectives.lowerIsBetter(latest).map(v -> Arrays.stream(v).boxed().toList()).orElse(List.of()),
                  objectives.violation(latest)));
    }
  }
}
