package io.gantry.bench;

import io.gantry.orchestrator.run.LocalService;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Many sweeps on one set of workers: the same three sweeps of sleeping trials (of 3, 5 and 3
 * trials by default) run one after another on a sweep service's workers, as a coordinator that
 * ran one sweep at a time did, and then all at once on a fresh service's as Gantry runs them now.
 * For each way: the makespan (from the first sweep's start to the last trial's end), the idle
 * worker-seconds in it (the workers' time less the trials' time, from the store's start and end of
 * every trial), and each sweep's time to its first result (its first trial's end).
 *
 * <p>Usage: {@code ManySweepsBenchmark [workers] [trial_ms] [trials of each sweep...]}, by default
 * {@code 2 1500 3 5 3}.
 */
public final class ManySweepsBenchmark {

  /** What one way of running the sweeps measured, in seconds. */
  private record Figures(String way, double makespan, double idleWorkerSeconds, List<Double> firstResults) {}

  private ManySweepsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    long trialMs = args.length > 1 ? Long.parseLong(args[1]) : 1500;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(3, 5, 3);
    }
    Figures oneAfterAnother = run("one-after-another", workers, trialMs, sizes, false);
    Figures allAtOnce = run("all-at-once", workers, trialMs, sizes, true);
    System.out.printf(
        Locale.ROOT, "gantry: %d sweeps of %s trials of %d ms each, on %d worker processes%n", sizes.size(), sizes, trialMs, workers);
    for (Figures f : List.of(oneAfterAnother, allAtOnce)) {
      System.out.printf(
          Locale.ROOT, "  %-18s makespan %.2f s, idle worker-seconds %.2f, time to first result by sweep %s s%n",
          f.way(), f.makespan(), f.idleWorkerSeconds(), f.firstResults().stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }
    System.out.printf(Locale.ROOT, "makespan_ratio all_at_once/one_after_another %.3f%n", allAtOnce.makespan() / oneAfterAnother.makespan());
    System.out.printf(Locale.ROOT, "idle_worker_seconds one_after_another %.2f all_at_once %.2f%n", oneAfterAnother.idleWorkerSeconds(), allAtOnce.idleWorkerSeconds());
    System.out.printf(
        Locale.ROOT, "last_sweep_first_result_s one_after_another %.2f all_at_once %.2f%n",
        oneAfterAnother.firstResults().get(sizes.size() - 1), allAtOnce.firstResults().get(sizes.size() - 1));
  }

  private static Figures run(String way, int workers, long trialMs, List<Integer> sizes, boolean atOnce) throws Exception {
    Path data = Files.createTempDirectory("gantry-bench-many-" + way);
    try (H2RunStore store = H2RunStore.open(data);
        LocalService local = LocalService.start(SleepSweep.devices(workers), 1, 0, data.resolve("logs"))) {
      List<SleepSweep.Stored> sweeps = new ArrayList<>();
      for (int i = 0; i < sizes.size(); i++) {
        sweeps.add(SleepSweep.store(store, data, "sweep-" + (char) ('a' + i), SleepTrialRunner.MODEL, sizes.get(i), 1, trialMs));
      }
      awaitWorkers(local, workers);
      Instant start = Instant.now();
      if (atOnce) {
        CompletableFuture.allOf(sweeps.stream().map(s -> CompletableFuture.supplyAsync(() -> SleepSweep.run(local, s))).toArray(CompletableFuture[]::new)).join();
      } else {
        sweeps.forEach(s -> SleepSweep.run(local, s));
      }
      double lastEnd = 0;
      double busy = 0;
      List<Double> firstResults = new ArrayList<>();
      for (SleepSweep.Stored sweep : sweeps) {
        double first = Double.MAX_VALUE;
        for (TrialRecord trial : store.trials(sweep.plan().sweepId())) {
          double started = seconds(start, trial.startedAt().orElseThrow());
          double ended = seconds(start, trial.finishedAt().orElseThrow());
          busy += ended - started;
          first = Math.min(first, ended);
          lastEnd = Math.max(lastEnd, ended);
        }
        firstResults.add(first);
      }
      return new Figures(way, lastEnd, workers * lastEnd - busy, firstResults);
    }
  }

  /** Waits until every worker process has asked for work, so both ways start with warm workers. */
  private static void awaitWorkers(LocalService local, int workers) throws InterruptedException {
    while (local.service().view().snapshot().workers().size() < workers) {
      Thread.sleep(100);
    }
  }

  private static double seconds(Instant from, Instant to) {
    return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
  }
}
