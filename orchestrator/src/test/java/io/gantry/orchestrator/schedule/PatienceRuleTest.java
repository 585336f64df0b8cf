package io.gantry.orchestrator.schedule;

import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertGoesOn;
import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertStops;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import org.junit.jupiter.api.Test;

class PatienceRuleTest {

  private static Reports rule(int patience, double minDelta, boolean maximize, int window) {
    Objective objective = new Objective("val/fid", maximize, false, window);
    return new Reports(
        new PatienceRule(
            new EarlyTerminate.Patience(BudgetUnit.STEPS, patience, minDelta, AshaSchedulerTest.judging(objective)),
            objective),
        BudgetUnit.STEPS);
  }

  @Test
  void aTrialStopsAfterPatienceReportsWithoutImprovingByMoreThanMinDelta() {
    Reports reports = rule(3, 0.5, false, 1);

    assertGoesOn(reports.report("A", 100, 50.0));
    assertGoesOn(reports.report("A", 200, 45.0));
    assertGoesOn(reports.report("A", 300, 41.2));
    assertGoesOn(reports.report("A", 400, 41.0)); // better, but not by more than 0.5
    assertGoesOn(reports.report("A", 500, 42.0));
    assertStops(
        reports.report("A", 600, 41.5),
        600,
        "patience: no improvement on val/fid by more than 0.5 for 3 reports (best val/fid 41.20 at step 300)");
  }

  @Test
  void anImprovementResetsTheCountAndTheGoalSetsWhichWayIsBetter() {
    Reports reports = rule(2, 0, true, 1);

    reports.report("A", 100, 0.5);
    assertGoesOn(reports.report("A", 200, 0.4));
    assertGoesOn(reports.report("A", 300, 0.6)); // higher is better: a new best
    assertGoesOn(reports.report("A", 400, 0.6)); // an equal value is no improvement
    assertStops(
        reports.report("A", 500, 0.1),
        500,
        "patience: no improvement on val/fid by more than 0.0 for 2 reports (best val/fid 0.6000 at step 300)");
  }

  @Test
  void withSmoothingOneLuckyReportDoesNotBecomeAnUnbeatableBest() {
    Reports raw = rule(2, 0, false, 1);
    Reports smoothed = rule(2, 0, false, 3);
    double[] values = {40, 40, 40, 30, 35}; // 30: one lucky evaluation
    for (int i = 0; i < values.length; i++) {
      raw.report("A", 100L * (i + 1), values[i]);
      smoothed.report("A", 100L * (i + 1), values[i]);
    }

    // raw, 33 does not beat 30; smoothed, means 40, 40, 40, 36.67, 35 and 32.67 keep improving
    assertStops(raw.report("A", 600, 33), 600, "patience: no improvement on val/fid by more than 0.0 for 2 reports (best val/fid 30.00 at step 400)");
    assertGoesOn(smoothed.report("A", 600, 33));
  }
}
