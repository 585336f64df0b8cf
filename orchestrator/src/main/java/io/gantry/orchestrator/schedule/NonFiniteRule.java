package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import java.util.Collection;
import java.util.OptionalDouble;

/**
 * {@code stop_on: {nan: true}}: a trial whose latest value of the sweep's metric is NaN or infinite
 * stops at once. Such a trial has diverged and never recovers, and a NaN compares as neither better
 * nor worse than anything, so no rule that ranks trials would ever stop it.
 * {@link io.gantry.orchestrator.coordinator.SweepState} still leaves NaN reports out of a trial's
 * history, so within a sweep this rule sees only infinities until those reports are kept.
 */
public final class NonFiniteRule implements TrialScheduler {

  private final BudgetUnit unit;
  private final String metric;

  /** Stops where the trial stands in {@code unit} on a non-finite value of {@code metric}. */
  public NonFiniteRule(BudgetUnit unit, String metric) {
    this.unit = unit;
    this.metric = metric;
  }

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    double value = trial.lastValue().orElseThrow();
    if (Double.isFinite(value)) {
      return Decision.CONTINUE;
    }
    long at = trial.reached(unit);
    return Decision.stop(at, String.format("nan: %s is %s at %s %d", metric, value, unit.singular(), at));
  }

  @Override
  public String describe() {
    return "nan: stop a trial at once when " + metric + " is NaN or infinite";
  }

  /** Nominally no trial diverges. */
  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    return OptionalDouble.of((double) trials * budget);
  }
}
