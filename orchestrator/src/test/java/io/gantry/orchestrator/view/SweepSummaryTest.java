package io.gantry.orchestrator.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The read model's computations: objectives, ranking and best trial, planned totals and counts. */
class SweepSummaryTest {

  private static final Map<String, Map<String, Double>> LATEST =
      Map.of(
          "t001", Map.of("score", 0.5, "loss", 2.0),
          "t002", Map.of("score", 0.9),
          "t003", Map.of("score", Double.NaN, "loss", 1.0),
          "t004", Map.of("score", Double.POSITIVE_INFINITY));

  @Test
  void theObjectiveIsTheLatestValueOfTheSweepsMetric() {
    SweepSummary summary = summary("maximize", SweepStatus.FINISHED, OptionalInt.empty(), finished(5));
    assertEquals(OptionalDouble.of(0.5), summary.trials().get(0).objective());
    assertEquals(Map.of("score", 0.5, "loss", 2.0), summary.trials().get(0).latestMetrics());
    assertEquals(OptionalDouble.empty(), summary.trials().get(4).objective(), "t005 reported nothing");
  }

  @Test
  void nanAndInfiniteValuesAreNoObjectiveAndNotRanked() {
    SweepSummary summary = summary("maximize", SweepStatus.FINISHED, OptionalInt.empty(), finished(5));
    assertEquals(OptionalDouble.empty(), summary.trials().get(2).objective());
    assertEquals(OptionalDouble.empty(), summary.trials().get(3).objective());
    assertEquals(List.of("t002", "t001"), ids(summary.ranked()));
  }

  @Test
  void theGoalOrdersTheRankingAndPicksTheBest() {
    SweepSummary maximize = summary("maximize", SweepStatus.FINISHED, OptionalInt.empty(), finished(4));
    assertEquals("t002", maximize.best().orElseThrow().trialId());
    SweepSummary minimize = summary("minimize", SweepStatus.FINISHED, OptionalInt.empty(), finished(4));
    assertEquals(List.of("t001", "t002"), ids(minimize.ranked()));
    assertEquals(0.5, minimize.best().orElseThrow().objective().getAsDouble());
  }

  @Test
  void tiesKeepThePlannedOrder() {
    List<TrialRecord> trials = finished(3);
    Map<String, Map<String, Double>> tied = Map.of("t001", Map.of("score", 1.0), "t002", Map.of("score", 2.0), "t003", Map.of("score", 2.0));
    SweepSummary summary = SweepSummary.of(sweep("maximize", SweepStatus.FINISHED, OptionalInt.empty()), trials, tied);
    assertEquals(List.of("t002", "t003", "t001"), ids(summary.ranked()));
  }

  @Test
  void theBestSoFarCountsARunningTrialsLatestValue() {
    List<TrialRecord> trials = List.of(trial(1, TrialStatus.COMPLETED), trial(2, TrialStatus.RUNNING), trial(3, TrialStatus.QUEUED));
    SweepSummary summary = summary("maximize", SweepStatus.RUNNING, OptionalInt.of(3), trials);
    assertEquals("t002", summary.best().orElseThrow().trialId());
    SweepSummary none = SweepSummary.of(sweep("maximize", SweepStatus.RUNNING, OptionalInt.of(3)), trials, Map.of());
    assertTrue(none.best().isEmpty(), "no trial has reported the metric yet");
  }

  @Test
  void aRunningSweepPlansItsLimitAndCountsTheTrialsYetToProposeAsQueued() {
    List<TrialRecord> trials = List.of(trial(1, TrialStatus.COMPLETED), trial(2, TrialStatus.RUNNING), trial(3, TrialStatus.QUEUED));
    SweepSummary summary = summary("maximize", SweepStatus.RUNNING, OptionalInt.of(10), trials);
    assertEquals(10, summary.plannedTrials());
    assertEquals(1, summary.done());
    assertEquals(8L, summary.byStatus().get(TrialStatus.QUEUED));
    assertEquals(1L, summary.byStatus().get(TrialStatus.RUNNING));
    assertEquals(List.of(TrialStatus.values()), List.copyOf(summary.byStatus().keySet()));
  }

  @Test
  void anExtendedSweepPlansItsNewLimit() {
    SweepSummary extended = summary("maximize", SweepStatus.RUNNING, OptionalInt.of(8), finished(5));
    assertEquals(8, extended.plannedTrials());
    assertEquals(3L, extended.byStatus().get(TrialStatus.QUEUED));
  }

  @Test
  void aSweepThatEndedPlansTheTrialsItHas() {
    SweepSummary exhausted = summary("maximize", SweepStatus.FINISHED, OptionalInt.of(10), finished(4));
    assertEquals(4, exhausted.plannedTrials(), "a grid of 4 points, or a search that ran dry");
    List<TrialRecord> cut = List.of(trial(1, TrialStatus.COMPLETED), trial(2, TrialStatus.STOPPED));
    SweepSummary cancelled = summary("maximize", SweepStatus.CANCELLED, OptionalInt.of(10), cut);
    assertEquals(2, cancelled.plannedTrials());
    assertEquals(0L, cancelled.byStatus().get(TrialStatus.QUEUED));
  }

  @Test
  void aRunningSweepStoredWithoutItsLimitPlansTheTrialsItHas() {
    SweepSummary summary = summary("maximize", SweepStatus.RUNNING, OptionalInt.empty(), finished(3));
    assertEquals(3, summary.plannedTrials());
    SweepSummary beyond = summary("maximize", SweepStatus.RUNNING, OptionalInt.of(2), finished(3));
    assertEquals(3, beyond.plannedTrials(), "never fewer than it has");
  }

  @Test
  void trialsWithinTwoStandardErrorsOfTheBestAreMarkedAsNotToldApart() {
    SweepRecord fid =
        new SweepRecord(
            "s-1", "s", "dcgan", "random", "val/fid", "minimize", SweepStatus.FINISHED, "name: s\n", null, "/a", Instant.EPOCH,
            Optional.empty(), OptionalInt.empty());
    Map<String, Map<String, Double>> latest =
        Map.of(
            "t001", Map.of("val/fid", 10.0, "val/fid_std", 0.5),
            // 10.0 + 2 * hypot(0.5, 0.5) = 11.41: inside
            "t002", Map.of("val/fid", 11.4, "val/fid_std", 0.5),
            "t003", Map.of("val/fid", 11.5, "val/fid_std", 0.5),
            "t004", Map.of("val/fid", 10.2));
    SweepSummary summary = SweepSummary.of(fid, finished(4), latest);
    assertEquals(OptionalDouble.of(0.5), summary.trials().get(1).noise());
    assertEquals(Optional.of(true), summary.withinNoiseOfBest(summary.trials().get(0)), "the best, of itself");
    assertEquals(Optional.of(true), summary.withinNoiseOfBest(summary.trials().get(1)));
    assertEquals(Optional.of(false), summary.withinNoiseOfBest(summary.trials().get(2)));
    assertEquals(Optional.empty(), summary.withinNoiseOfBest(summary.trials().get(3)), "no noise measured");
    SweepSummary noNoise = summary("maximize", SweepStatus.FINISHED, OptionalInt.empty(), finished(2));
    assertEquals(Optional.empty(), noNoise.withinNoiseOfBest(noNoise.trials().get(0)), "a metric without a standard error");
  }

  private static SweepSummary summary(String goal, SweepStatus status, OptionalInt maxTrials, List<TrialRecord> trials) {
    return SweepSummary.of(sweep(goal, status, maxTrials), trials, LATEST);
  }

  private static SweepRecord sweep(String goal, SweepStatus status, OptionalInt maxTrials) {
    return new SweepRecord(
        "s-1", "s", "gan", "random", "score", goal, status, "name: s\n", null, "/a", Instant.EPOCH, Optional.empty(), maxTrials);
  }

  private static List<TrialRecord> finished(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(n -> trial(n, TrialStatus.COMPLETED)).toList();
  }

  private static TrialRecord trial(int seq, TrialStatus status) {
    return new TrialRecord(
        "s-1", String.format("t%03d", seq), seq, Map.of("lr", seq * 0.01), seq, status, Optional.empty(), Optional.empty(), 0, 1,
        Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
  }

  private static List<String> ids(List<TrialSummary> trials) {
    return trials.stream().map(TrialSummary::trialId).toList();
  }
}
