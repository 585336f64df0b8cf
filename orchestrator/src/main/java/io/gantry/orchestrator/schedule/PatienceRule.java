package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Patience, as Keras' {@code EarlyStopping} and Lightning's callback apply it within one run: a
 * trial stops once {@code patience} consecutive reports have not improved on its best value so
 * far by more than {@code minDelta}, in the direction of the metric's goal. Values are the
 * objective's smoothed ones, so a noisy metric's one lucky report does not reset the count. It
 * judges each trial alone, so it works with one trial as with a thousand.
 */
public final class PatienceRule implements TrialScheduler {

  private final BudgetUnit unit;
  private final int patience;
  private final double minDelta;
  private final Objective objective;

  /** The rule as {@code spec} says, judging trials by {@code objective}. */
  public PatienceRule(EarlyTerminate.Patience spec, Objective objective) {
    this.unit = spec.unit();
    this.patience = spec.patience();
    this.minDelta = spec.minDelta();
    this.objective = objective;
  }

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    double[] values = objective.smoothed(trial);
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (objective.betterBy(values[i], values[best], minDelta)) {
        best = i;
      }
    }
    int since = values.length - 1 - best;
    if (since < patience) {
      return Decision.CONTINUE;
    }
    List<TrialHistory.Report> reports = trial.reports();
    return Decision.stop(
        trial.reached(unit),
        String.format(
            Locale.ROOT, "patience: no improvement on %s by more than %s for %d reports (best %s at %s %d)",
            objective.metric(), minDelta, since, objective.format(values[best]), unit.singular(),
            reports.get(best).position(unit)));
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "patience: stop after %d reports without improving on the best %s by more than %s",
        patience, objective.metric(), minDelta);
  }

  /** Where patience runs out depends on the values, unknown beforehand. */
  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    return OptionalDouble.empty();
  }
}
