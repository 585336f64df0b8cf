package io.gantry.bench;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.TrialRecord;
import java.util.List;
import java.util.Locale;

/**
 * Orchestration overhead: {@code N} trials that each sleep {@code S} ms, on {@code C} worker
 * processes, through the whole of Gantry (store, coordinator, cluster messaging, workers). The
 * span from the first trial's start to the last trial's end, as the trials themselves clock it,
 * against the ideal {@code N * S / C}: the excess is the time each worker slot lost per trial.
 * {@code bench/raytune/overhead.py} measures Ray Tune the same way; {@code bench/overhead.sh} runs
 * both.
 *
 * <p>Usage: {@code OverheadBenchmark [trials] [workers] [sleep_ms]}, by default 1000 2 100.
 */
public final class OverheadBenchmark {

  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long sleepMs = args.length > 2 ? Long.parseLong(args[2]) : 100;
    SleepSweep.Result result = SleepSweep.run("overhead", trials, workers, 1, sleepMs);
    double first = Double.MAX_VALUE;
    double last = 0;
    List<TrialRecord> records = result.store().trials(result.sweepId());
    for (TrialRecord trial : records) {
      for (MetricPoint point : result.store().metrics(result.sweepId(), trial.trialId())) {
        first = point.name().equals("bench/started_ms") ? Math.min(first, point.value()) : first;
        last = point.name().equals("bench/ended_ms") ? Math.max(last, point.value()) : last;
      }
    }
    result.store().close();
    double span = (last - first) / 1000;
    double ideal = Math.ceil((double) trials / workers) * sleepMs / 1000;
    double overheadMs = (span * workers - trials * sleepMs / 1000.0) * 1000 / trials;
    System.out.printf(
        Locale.ROOT,
        "gantry: %d trials of %d ms on %d workers: first start to last end %.2f s, ideal %.2f s (+%.2f %%);"
            + " overhead %.2f ms per trial; wall time with start-up %.1f s%n",
        records.size(), sleepMs, workers, span, ideal, 100 * (span / ideal - 1), overheadMs, result.wallSeconds());
    System.out.printf(Locale.ROOT, "overhead_ms gantry %.3f%n", overheadMs);
  }
}
