package io.gantry.orchestrator.schedule;

import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertGoesOn;
import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertStops;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import org.junit.jupiter.api.Test;

class MedianStoppingRuleTest {

  private static Reports rule(long start, int minTrials, boolean maximize, boolean useBest) {
    return rule(start, minTrials, new Objective("val/score", maximize, useBest, 1));
  }

  private static Reports rule(long start, int minTrials, Objective objective) {
    return new Reports(
        new MedianStoppingRule(
            new EarlyTerminate.Median(BudgetUnit.STEPS, start, minTrials, AshaSchedulerTest.judging(objective)), objective),
        BudgetUnit.STEPS);
  }

  @Test
  void aTrialWorseThanTheMedianOfTheOthersAtTheSamePointStops() {
    Reports reports = rule(0, 3, true, false);
    for (String trial : new String[] {"A 0.2 0.6", "B 0.4 0.5", "C 0.8 0.9"}) {
      String[] values = trial.split(" ");
      reports.report(values[0], 100, Double.parseDouble(values[1]));
      reports.report(values[0], 200, Double.parseDouble(values[2]));
    }

    assertGoesOn(reports.report("D", 100, 0.5)); // above the median 0.4 of 0.2, 0.4, 0.8
    assertGoesOn(reports.report("D", 200, 0.6)); // on the median of 0.6, 0.5, 0.9
    assertGoesOn(reports.report("D", 300, 0.1)); // nobody else got to step 300
    assertStops(
        reports.report("E", 100, 0.3),
        100,
        "median: at step 100, val/score 0.3000 is worse than the median val/score 0.4500 of the 4 other trials there");
  }

  @Test
  void nothingStopsBeforeStartOrWhileTooFewOthersGotThere() {
    Reports reports = rule(300, 2, false, false);
    reports.report("A", 300, 1.0);
    reports.report("B", 300, 1.0);

    assertGoesOn(reports.report("C", 200, 5.0));
    assertStops(reports.report("C", 300, 5.0), 300, "median: at step 300");
    Reports early = rule(0, 2, false, false);
    early.report("A", 300, 1.0);
    assertGoesOn(early.report("B", 300, 5.0));
  }

  @Test
  void withUseBestTrialsCountWithTheirBestValueSoFar() {
    Reports last = rule(0, 1, true, false);
    Reports best = rule(0, 1, true, true);
    for (Reports reports : new Reports[] {last, best}) {
      reports.report("A", 100, 0.5);
      reports.report("A", 200, 0.5);
      reports.report("B", 100, 0.9);
    }

    assertTrue(last.report("B", 200, 0.3).stops());
    assertGoesOn(best.report("B", 200, 0.3));
  }

  @Test
  void withSmoothingTrialsCountWithTheMeanOfTheirLastReports() {
    Reports last = rule(0, 1, true, false);
    Reports smoothed = rule(0, 1, new Objective("val/score", true, false, 2));
    for (Reports reports : new Reports[] {last, smoothed}) {
      reports.report("A", 100, 0.5);
      reports.report("A", 200, 0.5);
      reports.report("B", 100, 0.9);
    }

    // at step 200, B's 0.3 is below A's 0.5, the mean of its last two reports, 0.6, above
    assertTrue(last.report("B", 200, 0.3).stops());
    assertGoesOn(smoothed.report("B", 200, 0.3));
  }
}
