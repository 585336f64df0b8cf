package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.EarlyTerminate;
import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import io.gantry.orchestrator.sweep.SweepSpec;

/** Picks the {@link TrialScheduler} a sweep's {@code early_terminate} names. */
public final class TrialSchedulers {

  private TrialSchedulers() {}

  /** The scheduler of {@code spec}: none ({@link FifoScheduler}) without {@code early_terminate}. */
  public static TrialScheduler forSpec(SweepSpec spec) {
    if (spec.earlyTerminate().isEmpty()) {
      return new FifoScheduler();
    }
    EarlyTerminate rule = spec.earlyTerminate().get();
    Objective objective =
        new Objective(spec.metric().name(), spec.metric().goal() == Goal.MAXIMIZE, rule.useBest());
    if (rule instanceof EarlyTerminate.Asha asha) {
      return new AshaScheduler(asha, objective);
    }
    if (rule instanceof EarlyTerminate.Hyperband hyperband) {
      return new HyperbandScheduler(hyperband, objective);
    }
    return new MedianStoppingRule((EarlyTerminate.Median) rule, objective);
  }
}
