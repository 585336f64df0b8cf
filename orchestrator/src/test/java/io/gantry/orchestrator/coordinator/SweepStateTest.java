package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.schedule.FifoScheduler;
import io.gantry.orchestrator.store.Objectives;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The sweep state's pure transitions and the trial source, without actors. */
class SweepStateTest {

  private static SweepState empty(int maxTrials) {
    return SweepState.of("s-1", "val/score", true, maxTrials, List.of(), Map.of());
  }

  private static SweepState add(SweepState state, double x) {
    int seq = state.trials().size() + 1;
    return state.updated(new SweepEvent.TrialAdded("s-1", "t" + seq, seq, Map.of("x", x), 42 + seq));
  }

  private static SweepEvent started(String trialId, String worker, int attempt) {
    return new SweepEvent.TrialStarted("s-1", trialId, Map.of(), worker, "cpu", 1.0, attempt, Optional.empty(), Instant.EPOCH);
  }

  private static SweepEvent reported(String trialId, long step, int epoch, Map<String, Double> metrics) {
    return new SweepEvent.MetricsReported("s-1", trialId, step, epoch, metrics, 0);
  }

  private static SweepEvent ended(String trialId, TrialStatus status, long lastStep) {
    return new SweepEvent.TrialEnded("s-1", trialId, status, lastStep, "", OptionalLong.empty(), Instant.EPOCH);
  }

  @Test
  void trialsAreAddedUntilTheLimitAndTheSweepEndsWhenAllAreFinished() {
    SweepState state = add(empty(2), 1.0);
    assertTrue(state.wantsNewTrial());
    assertEquals(2, state.progress().total());
    assertEquals(2, state.progress().queued(), "the trial not yet proposed counts as queued");

    state = add(state, 2.0);
    assertFalse(state.wantsNewTrial());
    state = state.updated(started("t1", "w", 1)).updated(ended("t1", TrialStatus.COMPLETED, 5));
    assertFalse(state.isFinished());
    state = state.updated(started("t2", "w", 1)).updated(ended("t2", TrialStatus.FAILED, 1));
    assertTrue(state.isFinished());

    SweepState extended = state.updated(new SweepEvent.LimitRaised("s-1", 3));
    assertTrue(extended.wantsNewTrial());
    assertFalse(extended.isFinished());
  }

  @Test
  void anExhaustedSearchEndsTheSweepWithTheTrialsItHas() {
    SweepState state = add(empty(5), 1.0).updated(new SweepEvent.SearchExhausted("s-1"));

    assertFalse(state.wantsNewTrial());
    assertEquals(1, state.progress().total());
    assertTrue(state.hasConfig(Map.of("x", 1.0)));
    assertFalse(state.hasConfig(Map.of("x", 2.0)));
  }

  @Test
  void reportsOfTheMetricBuildTheHistoryUntilAStopIsDecidedAndARequeueKeepsWhatWasRecorded() {
    SweepState state = add(empty(1), 1.0).updated(started("t1", "w", 1));
    state = state.updated(reported("t1", 10, 1, Map.of("val/score", 0.5, "train/loss", 2.0)));
    state = state.updated(reported("t1", 20, 1, Map.of("train/loss", 1.0)));
    state = state.updated(reported("t1", 30, 2, Map.of("val/score", Double.NaN)));
    assertEquals(1, state.trials().get("t1").history().reports().size(), "only values of the metric count");
    assertEquals(30, state.trials().get("t1").lastStep());

    state = state.updated(new SweepEvent.StopDecided("s-1", "t1", Decision.stop(1, "asha")));
    state = state.updated(reported("t1", 40, 2, Map.of("val/score", 0.9)));
    assertEquals(0.5, state.trials().get("t1").objective().getAsDouble(), "judged as it stood when stopped");
    assertEquals(List.of(state.trials().get("t1").history()), state.histories());

    SweepState requeued = state.updated(new SweepEvent.TrialRequeued("s-1", "t1", "its worker was lost"));
    assertEquals(1, requeued.trials().get("t1").history().reports().size(), "the next attempt goes on from there");
    assertTrue(requeued.trials().get("t1").stop().isEmpty());
    TrialState resumed = requeued.updated(started("t1", "w2", 2)).trials().get("t1");
    assertEquals(
        Map.of("train/loss", 1.0),
        resumed.unrecorded(40, Map.of("train/loss", 1.0, "val/score", 0.7)),
        "what was recorded up to a step is not taken again; the rest is new");
    assertEquals(Map.of("train/loss", 0.9), resumed.unrecorded(41, Map.of("train/loss", 0.9)));
    SweepState stopped = state.updated(ended("t1", TrialStatus.STOPPED, 40));
    assertEquals(Optional.of(Decision.stop(1, "asha")), stopped.trials().get("t1").stop());
  }

  @Test
  void theSourcePassesOverConfigurationsTheSweepHasAndGivesUpOnARepeatingSearch() {
    SweepState state = add(empty(10), 1.0);
    TrialSource source = source(new ScriptedSearch(1.0, 1.0, 3.0));

    TrialRecord next = source.next(state).orElseThrow();
    assertEquals("t002", next.trialId());
    assertEquals(Map.of("x", 3.0), next.params());
    assertEquals(42 + 2, next.seed());

    // one repeat allowed per trial the sweep has, and MAX_REPEATS more: a new value after that comes too late
    double[] repeats = new double[1 + TrialSource.MAX_REPEATS + 1];
    Arrays.fill(repeats, 1.0);
    repeats[repeats.length - 1] = 3.0;
    assertTrue(source(new ScriptedSearch(repeats)).next(state).isEmpty());
  }

  private static TrialSource source(ScriptedSearch search) {
    return new TrialSource(plan(search), Objectives.single("val/score", true), trialId -> Map.of());
  }

  @Test
  void theSourceTellsTheSearchWhichTrialsAreQueuedOrRunning() {
    SweepState state = add(add(add(add(empty(10), 1.0), 2.0), 3.0), 4.0)
        .updated(started("t1", "w", 1))
        .updated(ended("t1", TrialStatus.COMPLETED, 5))
        .updated(started("t2", "w", 1))
        .updated(started("t3", "w", 1))
        .updated(ended("t3", TrialStatus.FAILED, 1));
    ScriptedSearch search = new ScriptedSearch(5.0);

    source(search).next(state).orElseThrow();
    // t2 runs and t4 waits; t1 completed and t3 failed
    assertEquals(List.of(List.of(Map.of("x", 2.0), Map.of("x", 4.0))), search.running());
  }

  private static SweepPlan plan(ScriptedSearch search) {
    return new SweepPlan(
        "s-1", "scripted", DatasetSpec.named(DatasetSpec.GAUSSIAN_2D), Budget.ofSteps(5), 1, Path.of("a"), 42, 10,
        search, new FifoScheduler(), Resources.ANY, Scheduling.DEFAULT, Optional.empty(), Optional.empty());
  }
}
