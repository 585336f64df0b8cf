package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", 2017), as Optuna's {@code
 * MedianPruner} and Ray Tune's {@code MedianStoppingRule} apply it: from {@code start} on, a trial
 * whose value is worse than the median of the other trials' values at the same point stops, once
 * at least {@code min_trials} other trials got that far. Other trials count with their value where
 * they crossed that point, whether they still run or have finished.
 */
public final class MedianStoppingRule implements TrialScheduler {

  private final BudgetUnit unit;
  private final long start;
  private final int minTrials;
  private final Objective objective;

  /** The rule as {@code spec} says, judging trials by {@code objective}. */
  public MedianStoppingRule(EarlyTerminate.Median spec, Objective objective) {
    this.unit = spec.unit();
    this.start = spec.start();
    this.minTrials = spec.minTrials();
    this.objective = objective;
  }

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    long now = trial.reached(unit);
    if (now < start) {
      return Decision.CONTINUE;
    }
    double value = objective.current(trial).orElseThrow();
    List<Double> others =
        trials.stream()
            .filter(t -> !t.trialId().equals(trial.trialId()))
            .map(t -> objective.valueAt(t, unit, now))
            .flatMap(Optional::stream)
            .sorted()
            .toList();
    if (others.size() < minTrials) {
      return Decision.CONTINUE;
    }
    int middle = others.size() / 2;
    double median = others.size() % 2 == 1 ? others.get(middle) : (others.get(middle - 1) + others.get(middle)) / 2;
    if (!objective.worse(value, median)) {
      return Decision.CONTINUE;
    }
    return Decision.stop(
        now,
        String.format(
            "median: at %s %d, %s is worse than the median %s of the %d other trials there",
            unit.singular(), now, objective.format(value), objective.format(median), others.size()));
  }

  @Override
  public String describe() {
    return String.format(
        "median: from %s %d on, once %d other trials got as far", unit.singular(), start, minTrials);
  }

  /** Where a median rule stops trials depends on their values, unknown beforehand. */
  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    return OptionalDouble.empty();
  }
}
