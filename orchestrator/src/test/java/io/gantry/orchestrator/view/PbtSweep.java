package io.gantry.orchestrator.view;

import io.gantry.orchestrator.store.LineageRecord;
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
 * A finished population-based training sweep of 4 members t001..t004 (seeds 1..4), val/fid to
 * minimise, each trained to step 400. Three exploits: at step 100 t004 copies t001, at 200 t003
 * copies t002 (and resamples generator_loss to {@link #HOSTILE}, markup that must show as text),
 * at 300 t004 copies t001 again. Each member has {@code hp/lr_d} at step 0 and at its exploits.
 */
public final class PbtSweep {

  public static final String ID = "pbt-1";
  public static final String HOSTILE = "<b>hinge</b>";
  public static final long LAST_STEP = 400;

  private static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");
  private static final List<Map<String, Object>> START =
      List.of(
          params(0.01, 0.002, "minimax"), params(0.005, 0.004, "minimax"), params(0.02, 0.004, "minimax"),
          params(0.04, 0.001, "minimax"));

  private PbtSweep() {}

  public static SweepRecord write(RunStore store) {
    SweepRecord sweep =
        new SweepRecord(
            ID, "pbt", "gan", "pbt", "val/fid", "minimize", SweepStatus.FINISHED, "name: pbt\n", null, "/a", AT,
            Optional.empty(), OptionalInt.empty());
    List<TrialRecord> trials = new ArrayList<>();
    for (int i = 1; i <= START.size(); i++) {
      trials.add(TrialRecord.queued(ID, trialId(i), i, START.get(i - 1), i));
    }
    store.createSweep(sweep, trials);
    Map<String, Object> t004AtStep100 = params(0.012, 0.002, "minimax");
    List<LineageRecord> exploits =
        List.of(
            exploit(1, 4, 100, 1, START.get(3), t004AtStep100, 4),
            exploit(2, 3, 200, 2, START.get(2), params(0.004, 0.002, HOSTILE), 3),
            exploit(3, 4, 300, 1, t004AtStep100, params(0.008, 0.002, "minimax"), 1));
    for (int i = 1; i <= START.size(); i++) {
      store.trialStarted(ID, trialId(i), "cpu-0", "cpu:0", 1, Optional.empty(), AT);
      store.appendMetrics(ID, trialId(i), metrics(i, exploits));
    }
    for (LineageRecord exploit : exploits) {
      store.trialExploited(exploit, "pbt: copied " + exploit.parentId() + " at step " + exploit.step());
    }
    // an exploit puts its member back in the queue; this one ran on to the end
    for (int i = 1; i <= START.size(); i++) {
      store.trialEnded(ID, trialId(i), TrialStatus.COMPLETED, LAST_STEP, null, AT.plusSeconds(600));
    }
    return sweep;
  }

  private static LineageRecord exploit(
      int seq, int member, long step, int parent, Map<String, Object> oldParams, Map<String, Object> newParams, long oldSeed) {
    return new LineageRecord(ID, trialId(member), seq, step, trialId(parent), oldParams, newParams, oldSeed, parent, AT.plusSeconds(step));
  }

  /** val/fid every 100 steps, falling, and hp/lr_d at step 0 and at each of the member's exploits. */
  private static List<MetricPoint> metrics(int i, List<LineageRecord> exploits) {
    List<MetricPoint> points = new ArrayList<>();
    points.add(new MetricPoint("hp/lr_d", 0, 0, (Double) START.get(i - 1).get("lr_d"), 0));
    for (LineageRecord exploit : exploits) {
      if (exploit.trialId().equals(trialId(i))) {
        points.add(new MetricPoint("hp/lr_d", exploit.step(), (int) (exploit.step() / 100), (Double) exploit.newParams().get("lr_d"), exploit.step()));
      }
    }
    for (long step = 100; step <= LAST_STEP; step += 100) {
      points.add(new MetricPoint("val/fid", step, (int) (step / 100), 10 * i + 1000.0 / step, step));
    }
    return points;
  }

  private static Map<String, Object> params(double lrD, double lrG, String generatorLoss) {
    return Map.of("lr_d", lrD, "lr_g", lrG, "generator_loss", generatorLoss);
  }

  private static String trialId(int i) {
    return String.format("t%03d", i);
  }
}
