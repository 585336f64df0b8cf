package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import io.gantry.orchestrator.sweep.EarlyTerminate.Judging;
import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import io.gantry.orchestrator.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;

/** Picks the {@link TrialScheduler} a sweep's {@code early_terminate} names. */
public final class TrialSchedulers {

  private TrialSchedulers() {}

  /** The scheduler of {@code spec}: none ({@link FifoScheduler}) without {@code early_terminate}. */
  public static TrialScheduler forSpec(SweepSpec spec) {
    if (spec.earlyTerminate().isEmpty()) {
      return new FifoScheduler();
    }
    EarlyTerminate rule = spec.earlyTerminate().get();
    Judging judging = rule.judging();
    String metric = spec.metric().name();
    Objective objective = new Objective(metric, spec.metric().goal() == Goal.MAXIMIZE, judging.useBest(), judging.window());
    List<TrialScheduler> guards = new ArrayList<>();
    BudgetUnit budgetUnit = BudgetUnit.of(spec.budget());
    if (judging.stopOn().nonFinite()) {
      guards.add(new NonFiniteRule(budgetUnit, metric));
    }
    judging.stopOn().discriminatorWon().ifPresent(won -> guards.add(new DiscriminatorWonRule(budgetUnit, won)));
    TrialScheduler scheduler = forRule(rule, objective);
    return guards.isEmpty() ? scheduler : new GuardedScheduler(scheduler, guards);
  }

  private static TrialScheduler forRule(EarlyTerminate rule, Objective objective) {
    if (rule instanceof EarlyTerminate.Asha asha) {
      return new AshaScheduler(asha, objective);
    }
    if (rule instanceof EarlyTerminate.Hyperband hyperband) {
      return new HyperbandScheduler(hyperband, objective);
    }
    if (rule instanceof EarlyTerminate.Patience patience) {
      return new PatienceRule(patience, objective);
    }
    return new MedianStoppingRule((EarlyTerminate.Median) rule, objective);
  }
}
