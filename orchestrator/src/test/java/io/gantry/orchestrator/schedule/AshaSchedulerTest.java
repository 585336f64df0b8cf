package io.gantry.orchestrator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AshaSchedulerTest {

  private static final Objective MAXIMIZE = new Objective("val/score", true, false, 1);

  private static AshaScheduler asha(long min, long max, int factor, Objective objective) {
    return new AshaScheduler(new EarlyTerminate.Asha(BudgetUnit.EPOCHS, min, max, factor, judging(objective)), objective);
  }

  /** What a file would say for {@code objective}; the scheduler itself reads only the objective. */
  static EarlyTerminate.Judging judging(Objective objective) {
    return new EarlyTerminate.Judging(objective.useBest(), objective.window(), EarlyTerminate.StopOn.NONE);
  }

  @Test
  void rungsLieAtMinTimesPowersOfTheFactorBelowTheMax() {
    assertEquals(List.of(1L, 3L), asha(1, 9, 3, MAXIMIZE).rungs());
    assertEquals(List.of(1L, 3L, 9L), asha(1, 10, 3, MAXIMIZE).rungs());
    assertEquals(List.of(2L, 4L, 8L), asha(2, 9, 2, MAXIMIZE).rungs());
  }

  /**
   * Rungs at epochs 1 and 3, factor 3, in the order trials arrive. A trial reaching a rung goes on
   * if it is among the best floor(n/3) of the n values recorded there, itself included, or the
   * best while n < 3:
   *
   * <pre>
   * A@1 0.50  {.50}                      best           go on
   * B@1 0.60  {.50 .60}                  best           go on
   * A@3 0.52  {.52}                      best           go on  (nobody waits for B)
   * C@1 0.40  {.50 .60 .40}              best 1: .60    stop
   * D@1 0.70  {.50 .60 .40 .70}          best 1: .70    go on
   * B@3 0.66  {.52 .66}                  best           go on
   * E@1 0.55  {.50 .60 .40 .70 .55}      best 1: .70    stop
   * F@1 0.65  {... .55 .65}              best 2: .70 .65 go on
   * D@3 0.64  {.52 .66 .64}              best 1: .66    stop
   * F@3 0.80  {.52 .66 .64 .80}          best 1: .80    go on
   * </pre>
   */
  @Test
  void promotionsMatchTheHandWorkedExample() {
    Reports reports = new Reports(asha(1, 9, 3, MAXIMIZE), BudgetUnit.EPOCHS);

    assertGoesOn(reports.report("A", 1, 0.50));
    assertGoesOn(reports.report("B", 1, 0.60));
    assertGoesOn(reports.report("A", 2, 0.51));
    assertGoesOn(reports.report("A", 3, 0.52));
    assertStops(reports.report("C", 1, 0.40), 1, "asha: at epoch 1 (rung 1 of 2), val/score 0.4000 is not among the best 1 of the 3 trials there (needed val/score 0.6000)");
    assertGoesOn(reports.report("D", 1, 0.70));
    assertGoesOn(reports.report("B", 3, 0.66));
    assertStops(reports.report("E", 1, 0.55), 1, "asha: at epoch 1 (rung 1 of 2), val/score 0.5500 is not among the best 1 of the 5 trials there (needed val/score 0.7000)");
    assertGoesOn(reports.report("F", 1, 0.65));
    assertStops(reports.report("D", 3, 0.64), 3, "asha: at epoch 3 (rung 2 of 2), val/score 0.6400 is not among the best 1 of the 3 trials there (needed val/score 0.6600)");
    assertGoesOn(reports.report("F", 3, 0.80));
    assertGoesOn(reports.report("A", 9, 0.90));
  }

  @Test
  void aReportThatJumpsOverRungsIsJudgedAtEachAndAMinimizedMetricPrefersLowValues() {
    Reports reports = new Reports(asha(1, 9, 3, new Objective("loss", false, false, 1)), BudgetUnit.EPOCHS);

    assertGoesOn(reports.report("A", 1, 1.0));
    assertGoesOn(reports.report("A", 3, 0.3));
    assertGoesOn(reports.report("B", 1, 0.9));
    // C's first report, at epoch 5, is the best at rung 1 but behind A's 0.3 at rung 3
    assertStops(reports.report("C", 5, 0.5), 3, "asha: at epoch 3 (rung 2 of 2), loss 0.5000 is not among the best 1 of the 2");
  }

  @Test
  void withUseBestAGanIsJudgedByItsBestValueSoFar() {
    Reports last = new Reports(asha(2, 9, 3, MAXIMIZE), BudgetUnit.EPOCHS);
    Reports bestSoFar = new Reports(asha(2, 9, 3, new Objective("val/score", true, true, 1)), BudgetUnit.EPOCHS);
    for (Reports reports : List.of(last, bestSoFar)) {
      reports.report("A", 2, 0.45);
      reports.report("B", 1, 0.50);
    }

    assertStops(last.report("B", 2, 0.40), 2, "asha: at epoch 2 (rung 1 of 2), val/score 0.4000");
    assertGoesOn(bestSoFar.report("B", 2, 0.40));
  }

  @Test
  void withSmoothingATrialIsJudgedByTheMeanOfItsLastReports() {
    Reports last = new Reports(asha(2, 9, 3, MAXIMIZE), BudgetUnit.EPOCHS);
    Reports smoothed = new Reports(asha(2, 9, 3, new Objective("val/score", true, false, 2)), BudgetUnit.EPOCHS);
    for (Reports reports : List.of(last, smoothed)) {
      reports.report("A", 2, 0.45);
      reports.report("B", 1, 0.56);
    }

    // B's last report, 0.40, is below A's 0.45; the mean of its last two, 0.48, is above
    assertStops(last.report("B", 2, 0.40), 2, "asha: at epoch 2 (rung 1 of 2), val/score 0.4000");
    assertGoesOn(smoothed.report("B", 2, 0.40));
  }

  @Test
  void nominalCostPromotesOneInFactorAtEachRung() {
    // 16 trials: 16 train to epoch 1, 16/3 on to 3, 16/9 on to the budget of 9 epochs.
    double expected = (16 - 16 / 3.0) * 1 + (16 / 3.0 - 16 / 9.0) * 3 + 16 / 9.0 * 9;
    assertEquals(expected, asha(1, 9, 3, MAXIMIZE).nominalCost(16, 9).getAsDouble(), 1e-9);
    assertEquals("asha: rungs at epoch 1, 3, reduction factor 3", asha(1, 9, 3, MAXIMIZE).describe());
  }

  static void assertGoesOn(Decision decision) {
    assertEquals(Decision.CONTINUE, decision, decision::reason);
  }

  static void assertStops(Decision decision, long rung, String reasonStart) {
    assertTrue(decision.stops(), "expected a stop");
    assertEquals(rung, decision.rung());
    assertTrue(decision.reason().startsWith(reasonStart), decision.reason());
  }
}
