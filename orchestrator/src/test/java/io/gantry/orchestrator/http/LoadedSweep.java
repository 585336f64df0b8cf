package io.gantry.orchestrator.http;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A large finished sweep written straight into a store: {@value #TRIALS} trials of {@value
 * #POINTS} points of {@code train/loss} (the sweep's metric) each, plus a few of {@code val/score},
 * with every trial status; its name, a parameter value and an error message are markup, which
 * the pages must show as text.
 */
final class LoadedSweep {

  static final int TRIALS = 200;
  static final int POINTS = 1000;
  static final String HOSTILE = "<img src=x onerror=alert(1)>";
  static final String ID = HOSTILE + "-1";

  private LoadedSweep() {}

  static void write(RunStore store) {
    Instant created = Instant.parse("2026-01-05T10:00:00Z");
    store.createSweep(
        new SweepRecord(ID, HOSTILE, "gan", "random", "train/loss", "minimize", SweepStatus.RUNNING, "name: x\n", null,
            "/nonexistent/artifacts/" + ID, created, Optional.empty(), OptionalInt.empty()),
        trials());
    Random random = new Random(1);
    for (int n = 1; n <= TRIALS; n++) {
      String trialId = String.format("t%03d", n);
      store.trialStarted(ID, trialId, "cpu-" + (n % 2), "cpu:" + (n % 2), 1, Optional.empty(), created.plusSeconds(n));
      TrialStatus status = status(n);
      double rate = 1e-4 + random.nextDouble() * 3e-3;
      double floor = 0.2 + random.nextDouble();
      List<MetricPoint> points = new ArrayList<>();
      for (int i = 1; i <= POINTS; i++) {
        double loss = status == TrialStatus.DIVERGED && i == POINTS ? Double.NaN : floor + 2 * Math.exp(-rate * i * 10) + 0.05 * random.nextGaussian();
        points.add(new MetricPoint("train/loss", i * 10L, 1 + (i - 1) / 100, loss, created.toEpochMilli() + i));
        if (i % 100 == 0) {
          points.add(new MetricPoint("val/score", i * 10L, i / 100, 1 / (floor + 0.1), created.toEpochMilli() + i));
        }
      }
      store.appendMetrics(ID, Map.of(trialId, points));
      if (status.isFinished()) {
        String message = status == TrialStatus.FAILED ? "worker said " + HOSTILE : null;
        store.trialEnded(ID, trialId, status, POINTS * 10L, message, created.plusSeconds(1000 + n));
      }
    }
    store.sweepEnded(ID, SweepStatus.FINISHED, created.plusSeconds(2000));
  }

  private static TrialStatus status(int n) {
    if (n % 50 == 0) {
      return TrialStatus.FAILED;
    }
    if (n % 40 == 0) {
      return TrialStatus.DIVERGED;
    }
    return n % 10 == 0 ? TrialStatus.STOPPED : TrialStatus.COMPLETED;
  }

  private static List<TrialRecord> trials() {
    Random random = new Random(7);
    List<TrialRecord> trials = new ArrayList<>();
    for (int n = 1; n <= TRIALS; n++) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("lr", Math.exp(Math.log(1e-4) + random.nextDouble() * Math.log(100)));
      params.put("batch_size", List.of(32, 64, 128).get(random.nextInt(3)));
      params.put("activation", n % 7 == 0 ? HOSTILE : List.of("relu", "tanh").get(n % 2));
      trials.add(TrialRecord.queued(ID, String.format("t%03d", n), n, params, n));
    }
    return trials;
  }
}
