package io.gantry.orchestrator.view;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A finished sweep by FID, stored: t002 is best at 18 ± 0.8, t001 at 20 ± 1 is within noise of
 * it (the band is 2·√(0.8² + 1²) = 2.56), t003 at 30 ± 1 is not.
 */
public final class NoisySweep {

  public static final String ID = "noisy-1";

  private NoisySweep() {}

  public static SweepRecord write(RunStore store) {
    SweepRecord sweep =
        new SweepRecord(
            ID, "noisy", "dcgan", "grid", "val/fid", "minimize", SweepStatus.FINISHED, "name: noisy\n", null, "/a", Instant.now(),
            Optional.empty(), OptionalInt.empty());
    store.createSweep(
        sweep,
        List.of(
            TrialRecord.queued(ID, "t001", 1, Map.of("lr", 1), 1),
            TrialRecord.queued(ID, "t002", 2, Map.of("lr", 2), 2),
            TrialRecord.queued(ID, "t003", 3, Map.of("lr", 3), 3)));
    fid(store, "t001", 20.0, 1.0);
    fid(store, "t002", 18.0, 0.8);
    fid(store, "t003", 30.0, 1.0);
    return sweep;
  }

  private static void fid(RunStore store, String trial, double fid, double noise) {
    store.appendMetrics(ID, trial, List.of(new MetricPoint("val/fid", 100, 1, fid, 1), new MetricPoint("val/fid_std", 100, 1, noise, 1)));
  }
}
