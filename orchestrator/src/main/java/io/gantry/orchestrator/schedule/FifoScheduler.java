package io.gantry.orchestrator.schedule;

import java.util.Collection;
import java.util.OptionalDouble;

/** No early stopping: every trial runs its whole budget, as Ray Tune's {@code FIFOScheduler}. */
public final class FifoScheduler implements TrialScheduler {

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    return Decision.CONTINUE;
  }

  @Override
  public String describe() {
    return "none: every trial runs its whole budget";
  }

  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    return OptionalDouble.of((double) trials * budget);
  }
}
