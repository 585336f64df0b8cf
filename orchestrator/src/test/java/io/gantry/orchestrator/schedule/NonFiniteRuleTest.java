package io.gantry.orchestrator.schedule;

import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertGoesOn;
import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertStops;

import io.gantry.orchestrator.sweep.BudgetUnit;
import org.junit.jupiter.api.Test;

class NonFiniteRuleTest {

  @Test
  void aNanOrInfiniteValueStopsTheTrialAtOnce() {
    Reports reports = new Reports(new NonFiniteRule(BudgetUnit.STEPS, "val/fid"), BudgetUnit.STEPS);

    assertGoesOn(reports.report("A", 100, 80.0));
    assertStops(reports.report("A", 200, Double.NaN), 200, "nan: val/fid is NaN at step 200");
    assertStops(reports.report("B", 100, Double.POSITIVE_INFINITY), 100, "nan: val/fid is Infinity at step 100");
  }
}
