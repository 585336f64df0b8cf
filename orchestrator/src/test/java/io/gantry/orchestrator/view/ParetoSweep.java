package io.gantry.orchestrator.view;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.Objectives;
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
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A finished sweep of two metrics to minimise, val/f1 and val/f2, as ZDT1 sets them (f1 = x, f2 =
 * g (1 - sqrt(x / g)), its front at g = 1), and the constraint val/recall at least 0.5. Trials
 * t001..t011 lie on the front (x = 0, 0.1, ..., 1), t012..t022 at the same x with g = 2; t005 and
 * t006 miss the constraint, t023 (g = 1, x = 0.05) was stopped early and t024 (the same) still runs.
 * So the front is t001..t011 less t005 and t006.
 */
public final class ParetoSweep {

  public static final String ID = "pareto-1";
  public static final List<String> FRONT =
      List.of("t001", "t002", "t003", "t004", "t007", "t008", "t009", "t010", "t011");
  public static final Objectives OBJECTIVES =
      new Objectives(
          List.of(new Objectives.Target("val/f1", false), new Objectives.Target("val/f2", false)),
          List.of(new Objectives.Bound("val/recall", OptionalDouble.of(0.5), OptionalDouble.empty())));

  private ParetoSweep() {}

  public static SweepRecord write(RunStore store) {
    Instant at = Instant.parse("2025-02-01T09:00:00Z");
    SweepRecord sweep =
        new SweepRecord(
            ID, "pareto", "gan", "random", "val/f1", "minimize", SweepStatus.FINISHED, "name: pareto\n", null, "/a", at,
            Optional.empty(), OptionalInt.empty(), OBJECTIVES);
    List<TrialRecord> trials = new ArrayList<>();
    for (int i = 1; i <= 24; i++) {
      trials.add(TrialRecord.queued(ID, trialId(i), i, Map.of("x", i), i));
    }
    store.createSweep(sweep, trials);
    for (int i = 0; i <= 10; i++) {
      double recall = i == 4 || i == 5 ? 0.4 : 0.9;
      end(store, i + 1, i / 10.0, 1, recall, TrialStatus.COMPLETED, at);
      end(store, i + 12, i / 10.0, 2, 0.9, TrialStatus.COMPLETED, at);
    }
    end(store, 23, 0.05, 1, 0.9, TrialStatus.STOPPED, at);
    store.trialStarted(ID, trialId(24), "cpu-0", "cpu:0", 1, Optional.empty(), at);
    metrics(store, 24, 0.05, 1, 0.9);
    return sweep;
  }

  private static void end(RunStore store, int i, double x, double g, double recall, TrialStatus status, Instant at) {
    store.trialStarted(ID, trialId(i), "cpu-0", "cpu:0", 1, Optional.empty(), at);
    metrics(store, i, x, g, recall);
    store.trialEnded(ID, trialId(i), status, 100, null, at.plusSeconds(60));
  }

  private static void metrics(RunStore store, int i, double x, double g, double recall) {
    store.appendMetrics(
        ID,
        trialId(i),
        List.of(
            new MetricPoint("val/f1", 100, 1, x, i),
            new MetricPoint("val/f2", 100, 1, g * (1 - Math.sqrt(x / g)), i),
            new MetricPoint("val/recall", 100, 1, recall, i)));
  }

  private static String trialId(int i) {
    return String.format("t%03d", i);
  }
}
