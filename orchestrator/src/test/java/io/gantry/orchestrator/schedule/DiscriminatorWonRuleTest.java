package io.gantry.orchestrator.schedule;

import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertGoesOn;
import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertStops;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate.DiscriminatorWon;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscriminatorWonRuleTest {

  private static Map<String, Double> d(double real, double fake) {
    return Map.of(DiscriminatorWon.D_REAL, real, DiscriminatorWon.D_FAKE, fake);
  }

  @Test
  void aTrialStopsOnceDHasWonForTheConsecutiveReportsAsked() {
    Reports reports =
        new Reports(new DiscriminatorWonRule(BudgetUnit.STEPS, new DiscriminatorWon(3, 0.95, 0.05)), BudgetUnit.STEPS);

    assertGoesOn(reports.report("A", 100, 60.0, d(0.97, 0.02)));
    assertGoesOn(reports.report("A", 200, 60.0, d(0.90, 0.02))); // D_real under the bound: the count restarts
    assertGoesOn(reports.report("A", 300, 60.0, d(0.97, 0.02)));
    assertGoesOn(reports.report("A", 400, 60.0, d(0.98, 0.01)));
    assertStops(
        reports.report("A", 500, 60.0, d(0.99, 0.01)),
        500,
        "d_won: val/d_real above 0.95 and val/d_fake below 0.05 for 3 reports (0.9900 and 0.01000 at step 500)");
  }

  @Test
  void reportsWithoutDsProbabilitiesNeverStopATrial() {
    Reports reports =
        new Reports(new DiscriminatorWonRule(BudgetUnit.STEPS, new DiscriminatorWon(1, 0.95, 0.05)), BudgetUnit.STEPS);

    assertGoesOn(reports.report("A", 100, 60.0));
    assertGoesOn(reports.report("A", 200, 60.0, Map.of(DiscriminatorWon.D_REAL, 0.99)));
  }
}
