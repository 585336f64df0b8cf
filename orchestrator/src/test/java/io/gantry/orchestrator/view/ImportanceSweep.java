package io.gantry.orchestrator.view;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A finished sweep, stored, whose 12 completed trials' val/score is 100 lr plus 0.1 for the
 * minimax loss: lr matters (its three quantile bins explain 87% of the variance), loss a little, batch_size is the same everywhere. A 13th trial was
 * stopped early with a score that would make loss look decisive if it counted.
 */
public final class ImportanceSweep {

  public static final String ID = "importance-1";
  private static final int COMPLETED = 12;

  private ImportanceSweep() {}

  public static SweepRecord write(RunStore store) {
    Instant at = Instant.parse("2026-01-15T09:00:00Z");
    SweepRecord sweep =
        new SweepRecord(
            ID, "importance", "gan", "random", "val/score", "maximize", SweepStatus.FINISHED, "name: importance\n", null, "/a", at,
            Optional.empty(), OptionalInt.empty());
    List<TrialRecord> trials = new ArrayList<>();
    for (int i = 1; i <= COMPLETED + 1; i++) {
      trials.add(TrialRecord.queued(ID, trialId(i), i, Map.of("lr", 0.01 * i, "loss", i % 2 == 0 ? "minimax" : "hinge", "batch_size", 32), i));
    }
    store.createSweep(sweep, trials);
    for (int i = 1; i <= COMPLETED; i++) {
      end(store, i, 100 * 0.01 * i + (i % 2 == 0 ? 0.1 : 0), TrialStatus.COMPLETED, at);
    }
    end(store, COMPLETED + 1, -50, TrialStatus.STOPPED, at);
    return sweep;
  }

  private static void end(RunStore store, int i, double score, TrialStatus status, Instant at) {
    store.trialStarted(ID, trialId(i), "cpu-0", "cpu:0", 1, Optional.empty(), at);
    store.appendMetrics(ID, trialId(i), List.of(new MetricPoint("val/score", 100, 1, score, i)));
    store.trialEnded(ID, trialId(i), status, 100, null, at.plusSeconds(60));
  }

  private static String trialId(int i) {
    return String.format("t%03d", i);
  }
}
