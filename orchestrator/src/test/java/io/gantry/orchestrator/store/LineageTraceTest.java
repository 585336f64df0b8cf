package io.gantry.orchestrator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.ReplaySettings.Change;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A member's line traced back through the checkpoints copied along it. */
class LineageTraceTest {

  private static final Set<String> VARIED = Set.of("lr");

  /** Three members, seeds 11, 12 and 13, each starting with its own lr; {@code now} their parameters after every copy. */
  private static Map<String, TrialRecord> trials(double lr1, double lr2, double lr3) {
    return Map.of(
        "t1", TrialRecord.queued("s", "t1", 1, Map.of("lr", lr1, "width", 8), 11),
        "t2", TrialRecord.queued("s", "t2", 2, Map.of("lr", lr2, "width", 8), 12),
        "t3", TrialRecord.queued("s", "t3", 3, Map.of("lr", lr3, "width", 8), 13));
  }

  private static LineageRecord copy(int seq, String member, long step, String parent, double oldLr, double newLr, long oldSeed, long newSeed) {
    return new LineageRecord("s", member, seq, step, parent, Map.of("lr", oldLr, "width", 8), Map.of("lr", newLr, "width", 8), oldSeed, newSeed, Instant.EPOCH);
  }

  @Test
  void aMemberThatNeverCopiedIsItsOwnLine() {
    LineageTrace trace = LineageTrace.of("t1", trials(0.1, 0.2, 0.3), List.of(), VARIED);
    assertEquals(new LineageTrace(Map.of("lr", 0.1, "width", 8), 11, List.of()), trace);
  }

  @Test
  void aLineGoesBackThroughEachParentToTheStepItsCheckpointWasCopiedAt() {
    // t2 copies t1 at 100; t3 copies t2 at 200 (t2's state there grew from t1's at 100); then t2
    // copies t3 at 300, which leaves t3's line to step 200 as it was
    List<LineageRecord> lineage =
        List.of(
            copy(1, "t2", 100, "t1", 0.2, 0.12, 12, 11),
            copy(2, "t3", 200, "t2", 0.3, 0.15, 13, 11),
            copy(3, "t2", 300, "t3", 0.12, 0.18, 11, 11));
    LineageTrace trace = LineageTrace.of("t2", trials(0.1, 0.18, 0.15), lineage, VARIED);
    assertEquals(Map.of("lr", 0.1, "width", 8), trace.start(), "t1's parameters at step 0");
    assertEquals(11, trace.seed());
    assertEquals(List.of(new Change(100, Map.of("lr", 0.12)), new Change(200, Map.of("lr", 0.15)), new Change(300, Map.of("lr", 0.18))), trace.changes());

    LineageTrace third = LineageTrace.of("t3", trials(0.1, 0.18, 0.15), lineage, VARIED);
    assertEquals(List.of(new Change(100, Map.of("lr", 0.12)), new Change(200, Map.of("lr", 0.15))), third.changes());
  }

  @Test
  void aCheckpointReplacedByALaterCopyStillLeadsToWhatWasCopiedFromIt() {
    // t2 copies t1's own checkpoint at 100; only later does t1 replace it by copying t3's at 100
    List<LineageRecord> lineage = List.of(copy(1, "t2", 100, "t1", 0.2, 0.12, 12, 11), copy(2, "t1", 100, "t3", 0.1, 0.36, 11, 13));
    LineageTrace trace = LineageTrace.of("t2", trials(0.36, 0.12, 0.3), lineage, VARIED);
    assertEquals(Map.of("lr", 0.1, "width", 8), trace.start(), "t1 as it started, not t3");
    assertEquals(List.of(new Change(100, Map.of("lr", 0.12))), trace.changes());
  }

  @Test
  void twoCopiesAtOneStepLeaveTheLaterParameters() {
    // t1 copies t3 at 100, and t2 copies that checkpoint of t1 at 100
    List<LineageRecord> lineage = List.of(copy(1, "t1", 100, "t3", 0.1, 0.33, 11, 13), copy(2, "t2", 100, "t1", 0.2, 0.4, 12, 13));
    LineageTrace trace = LineageTrace.of("t2", trials(0.33, 0.4, 0.3), lineage, VARIED);
    assertEquals(13, trace.seed());
    assertEquals(Map.of("lr", 0.3, "width", 8), trace.start());
    assertEquals(List.of(new Change(100, Map.of("lr", 0.4))), trace.changes());
  }

  @Test
  void aLineWhoseSeedChangesCannotBeReplayedInOneTrial() {
    List<LineageRecord> lineage = List.of(copy(1, "t2", 100, "t1", 0.2, 0.12, 12, 99));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineageTrace.of("t2", trials(0.1, 0.12, 0.3), lineage, VARIED));
    assertTrue(e.getMessage().contains("changes its seed from 11 to 99 where t2 copied t1 at step 100"), e.getMessage());
  }
}
