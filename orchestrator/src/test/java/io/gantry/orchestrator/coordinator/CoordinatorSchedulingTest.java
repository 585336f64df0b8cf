package io.gantry.orchestrator.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.schedule.AshaScheduler;
import io.gantry.orchestrator.schedule.FifoScheduler;
import io.gantry.orchestrator.schedule.Objective;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's conversation with its trial scheduler and search strategy: stops decided at
 * reports, results told before the next ask, duplicates passed over, extensions picked up.
 */
class CoordinatorSchedulingTest extends CoordinatorFixture {

  /**
   * One worker runs {@code val/score = x * step} for x = 2, 4, 1, 3 under ASHA with rungs at steps
   * 1, 2 and 4 and reduction factor 2. At step 1, x=1 meets {2, 4, 1}: only the best 1 of 3 goes
   * on, so it stops. x=3 meets {2, 4, 1, 3} at step 1 and is among the best 2; at step 2 it meets
   * {4, 8, 6} (x=1 never got there) and stops.
   */
  @Test
  void ashaStopsTrialsThatFallBehindAtARungAndTheStopsAreRecordedAndTold() {
    ScriptedSearch search = new ScriptedSearch(2.0, 4.0, 1.0, 3.0);
    AshaScheduler asha =
        new AshaScheduler(new EarlyTerminate.Asha(BudgetUnit.STEPS, 1, ScriptedRunner.STEPS, 2, EarlyTerminate.Judging.LAST),
            new Objective("val/score", true, false, 1));
    SweepPlan plan = newSweep(4, search, asha);
    TestProbe<SweepEvent.TrialEnded> ended = testKit.createTestProbe();
    testKit.system().eventStream().tell(new EventStream.Subscribe<>(SweepEvent.TrialEnded.class, ended.getRef()));
    spawnWorker("cpu-0", new ScriptedRunner(false, 300));

    runToEnd(plan);

    Map<String, TrialRecord> trials = byId(plan);
    assertEquals(TrialStatus.COMPLETED, trials.get("t001").status());
    assertEquals(TrialStatus.COMPLETED, trials.get("t002").status());
    assertStoppedAt(trials.get("t003"), 1, "asha: at step 1 (rung 1 of 3), val/score 1.000 is not among the best 1 of the 3 trials there");
    assertStoppedAt(trials.get("t004"), 2, "asha: at step 2 (rung 2 of 3), val/score 6.000 is not among the best 1 of the 3 trials there");
    List<SweepEvent.TrialEnded> published = List.of(ended.receiveMessage(), ended.receiveMessage(), ended.receiveMessage(), ended.receiveMessage());
    assertEquals(trials.get("t004").message().orElseThrow(), published.get(3).message(), "the reason is published too");
    assertEquals(
        List.of("ask", "tell 2.0=10.0", "ask", "tell 4.0=20.0", "ask", "tell 1.0=1.0 stopped", "ask", "tell 3.0=6.0 stopped"),
        search.log(),
        "each trial is told before the next is asked for, a stopped one with its value where it stopped");
  }

  @Test
  void theSameConfigurationNeverRunsTwiceAndASearchThatRunsDryEndsTheSweep() {
    SweepPlan plan = newSweep(4, new ScriptedSearch(1.0, 1.0, 2.0, 1.0), new FifoScheduler());
    spawnWorker("cpu-0", new ScriptedRunner(false));

    SweepProgress last = runToEnd(plan);

    assertEquals(List.of(1.0, 2.0), store.trials(plan.sweepId()).stream().map(t -> t.params().get("x")).toList());
    assertEquals(2, last.total());
    assertEquals(SweepStatus.FINISHED, store.sweep(plan.sweepId()).orElseThrow().status());
  }

  @Test
  void anExtendedFinishedSweepTellsTheSearchItsTrialsThenRunsOnlyNewOnes() {
    SweepPlan first = newSweep(2, new ScriptedSearch(1.0, 2.0), new FifoScheduler());
    spawnWorker("cpu-0", new ScriptedRunner(false));
    runToEnd(first);

    assertEquals(SweepStatus.FINISHED, store.extendSweep(first.sweepId(), 3));
    ScriptedSearch again = new ScriptedSearch(1.0, 2.0, 5.0);
    SweepProgress last = runToEnd(plan(first.sweepId(), 2, again, new FifoScheduler()));

    assertEquals(3, last.finished());
    assertEquals(List.of(1.0, 2.0, 5.0), store.trials(first.sweepId()).stream().map(t -> t.params().get("x")).toList());
    assertEquals(List.of("tell 1.0=5.0", "tell 2.0=10.0", "ask", "ask", "ask", "tell 5.0=25.0"), again.log());
    assertEquals(SweepStatus.FINISHED, store.sweep(first.sweepId()).orElseThrow().status());
  }

  @Test
  void aRunningSweepPicksUpAnExtensionFromTheStore() {
    SweepPlan plan = newSweep(1, new ScriptedSearch(1.0, 2.0), new FifoScheduler());
    ScriptedRunner wedged = new ScriptedRunner(true);
    spawnWorker("cpu-0", wedged);
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());
    progress.fishForMessage(SWEEP_TIMEOUT, p -> p.running() == 1 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

    assertEquals(SweepStatus.RUNNING, store.extendSweep(plan.sweepId(), 2));
    progress.fishForMessage(SWEEP_TIMEOUT, p -> p.total() == 2 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    wedged.release();
    SweepProgress last = awaitEnd(progress);

    assertEquals(2, last.finished());
    assertEquals(2, store.trials(plan.sweepId()).size());
  }

  private static void assertStoppedAt(TrialRecord trial, long rung, String reason) {
    assertEquals(TrialStatus.STOPPED, trial.status(), trial::toString);
    assertEquals(OptionalLong.of(rung), trial.stopRung(), trial::toString);
    assertTrue(trial.message().orElseThrow().startsWith(reason), trial.message()::toString);
  }
}
