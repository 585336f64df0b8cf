package io.gantry.orchestrator.schedule;

import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertGoesOn;
import static io.gantry.orchestrator.schedule.AshaSchedulerTest.assertStops;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HyperbandSchedulerTest {

  private static final Objective MAXIMIZE = new Objective("val/score", true, false, 1);

  private static HyperbandScheduler hyperband(int brackets) {
    return new HyperbandScheduler(new EarlyTerminate.Hyperband(BudgetUnit.EPOCHS, 1, 9, 3, brackets, EarlyTerminate.Judging.LAST), MAXIMIZE);
  }

  @Test
  void bracketsStartTheirRungsOneFactorApartAndShareTrialsAsHyperbandDoes() {
    HyperbandScheduler hyperband = hyperband(3);

    assertEquals(
        "hyperband bracket 1 of 3: rungs at epoch 1, 3, reduction factor 3; "
            + "hyperband bracket 2 of 3: rungs at epoch 3, reduction factor 3; "
            + "hyperband bracket 3 of 3: no rung, every trial runs its whole budget; trials spread 9:5:3",
        hyperband.describe());
    // One Hyperband iteration with R = 9, eta = 3 has 9, 5 and 3 configurations in its brackets.
    List<Integer> round = IntStream.rangeClosed(1, 17).map(hyperband::bracketOf).boxed().toList();
    assertEquals(9, round.stream().filter(b -> b == 0).count());
    assertEquals(5, round.stream().filter(b -> b == 1).count());
    assertEquals(3, round.stream().filter(b -> b == 2).count());
    assertEquals(List.of(0, 1, 0, 2), round.subList(0, 4), "a short sweep meets every bracket");
    assertEquals(round, IntStream.rangeClosed(18, 34).map(hyperband::bracketOf).boxed().toList());
  }

  @Test
  void trialsMeetOnlyTheirOwnBracketAndTheLastBracketNeverStops() {
    HyperbandScheduler hyperband = hyperband(3);
    Reports reports = new Reports(hyperband, BudgetUnit.EPOCHS);
    // trials 1 and 3 are in bracket 0 (rungs 1, 3), trial 2 in bracket 1 (rung 3), trial 4 in bracket 2
    assertGoesOn(reports.report("t1", 1, 0.9));
    assertGoesOn(reports.report("t2", 1, 0.1));
    assertStops(reports.report("t3", 1, 0.5), 1, "hyperband bracket 1 of 3: at epoch 1 (rung 1 of 2)");
    assertGoesOn(reports.report("t4", 1, 0.0));
    assertGoesOn(reports.report("t2", 3, 0.2));
    assertGoesOn(reports.report("t4", 8, 0.0));
  }

  @Test
  void fewerBracketsKeepTheMostAggressiveOnesAndTheNominalCostAddsTheBrackets() {
    HyperbandScheduler two = hyperband(2);

    assertEquals(List.of(0, 1, 0, 0), IntStream.rangeClosed(1, 4).map(two::bracketOf).boxed().toList());
    AshaScheduler first = new AshaScheduler(new EarlyTerminate.Asha(BudgetUnit.EPOCHS, 1, 9, 3, EarlyTerminate.Judging.LAST), MAXIMIZE);
    AshaScheduler second = new AshaScheduler(new EarlyTerminate.Asha(BudgetUnit.EPOCHS, 3, 9, 3, EarlyTerminate.Judging.LAST), MAXIMIZE);
    long inFirst = IntStream.rangeClosed(1, 14).filter(seq -> two.bracketOf(seq) == 0).count();
    assertEquals(9, inFirst);
    assertEquals(
        first.nominalCost(9, 9).getAsDouble() + second.nominalCost(5, 9).getAsDouble(),
        two.nominalCost(14, 9).getAsDouble(),
        1e-9);
  }
}
