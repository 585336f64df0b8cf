package io.gantry.bench;

import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster scaling: the same sweep of identical CPU-bound trials ({@link SleepTrialRunner#SPIN_MODEL}:
 * each step spends {@code step_ms} of its thread's CPU time hashing) through the whole of Gantry,
 * once on 1 worker process and once on 2, each worker with one compute thread.
 *
 * <ul>
 *   <li>Throughput: trials per second while every worker was busy, from the moment the last worker
 *       to join took its first trial to the moment the first worker to run out of trials ended its
 *       last, as the coordinator recorded them (assignment and end); and the ratio of 2 workers to 1.
 *       Worker processes start seconds apart on two cores, and a sweep's last trials leave workers
 *       idle: neither is how throughput scales with workers.
 *   <li>Dispatch latency, per trial: from the coordinator's assignment (the trial's {@code started_at}
 *       in the store, taken as it assigns the trial, before it writes the start to H2 and sends the
 *       trial) to the moment the trial's first step began in the worker process ({@code
 *       bench/started_ms}, clocked by the trial; the same as the first step's end less its
 *       duration). The coordinator and the workers run on this machine and read the same wall clock.
 * </ul>
 *
 * <p>Usage: {@code ScalingBenchmark [trials] [step_ms] [steps]}, by default 40 50 10.
 */
public final class ScalingBenchmark {

  /** From one wall-clock time to another, in epoch milliseconds. */
  private record Interval(double fromMs, double toMs) {
    double millis() {
      return toMs - fromMs;
    }

    Interval cover(Interval other) {
      return new Interval(Math.min(fromMs, other.fromMs), Math.max(toMs, other.toMs));
    }

    /** The share of this interval that lies within {@code window}. */
    double shareWithin(Interval window) {
      return Math.max(0, Math.min(toMs, window.toMs) - Math.max(fromMs, window.fromMs)) / millis();
    }
  }

  /** What one run of the sweep measured; {@code dispatchMs} sorted. */
  private record Run(
      int workers,
      double trialsWhileAllBusy,
      Interval allBusy,
      double firstAssignmentsSpreadMs,
      double meanStepWallMs,
      List<Double> dispatchMs) {
    double trialsPerSecond() {
      return trialsWhileAllBusy * 1000 / allBusy.millis();
    }
  }

  private ScalingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    long stepMs = args.length > 1 ? Long.parseLong(args[1]) : 50;
    long steps = args.length > 2 ? Long.parseLong(args[2]) : 10;
    Run one = run(trials, 1, steps, stepMs);
    Run two = run(trials, 2, steps, stepMs);
    List<Double> dispatchMs = new ArrayList<>(one.dispatchMs());
    dispatchMs.addAll(two.dispatchMs());
    Collections.sort(dispatchMs);
    double ratio = two.trialsPerSecond() / one.trialsPerSecond();
    System.out.printf(Locale.ROOT, "throughput_trials_per_s 1_worker %.3f%n", one.trialsPerSecond());
    System.out.printf(Locale.ROOT, "throughput_trials_per_s 2_workers %.3f%n", two.trialsPerSecond());
    System.out.printf(Locale.ROOT, "throughput_ratio 2_workers/1_worker %.3f%n", ratio);
    System.out.printf(Locale.ROOT, "dispatch_ms p50 %.1f%n", percentile(dispatchMs, 0.50));
    System.out.printf(Locale.ROOT, "dispatch_ms p90 %.1f%n", percentile(dispatchMs, 0.90));
    System.out.printf(Locale.ROOT, "dispatch_ms max %.1f%n", percentile(dispatchMs, 1));
    System.out.printf(
        Locale.ROOT,
        "gantry: %d trials of %d steps x %d ms of CPU time, on worker processes of one compute thread, %d cores%n",
        trials, steps, stepMs, Runtime.getRuntime().availableProcessors());
    for (Run run : List.of(one, two)) {
      System.out.printf(
          Locale.ROOT,
          "  %d worker(s): %.1f trials in %.2f s with every worker busy: %.3f trials/s (ideal %.3f);"
              + " a step of %d ms of CPU took %.1f ms of wall time on average, so the trials had %.2f cores between"
              + " them; first trials assigned %.0f ms apart; dispatch %s%n",
          run.workers(), run.trialsWhileAllBusy(), run.allBusy().millis() / 1000, run.trialsPerSecond(),
          run.workers() * 1000.0 / (steps * stepMs), stepMs, run.meanStepWallMs(),
          run.workers() * stepMs / run.meanStepWallMs(), run.firstAssignmentsSpreadMs(), summary(run.dispatchMs()));
    }
    System.out.printf(Locale.ROOT, "  throughput of 2 workers / 1 worker: %.3f%n", ratio);
    System.out.printf(
        Locale.ROOT,
        "  dispatch, from the coordinator assigning a trial to its first step beginning in a worker process"
            + " (one machine, one clock), over all %d trials: %s%n",
        dispatchMs.size(), summary(dispatchMs));
  }

  private static Run run(int trials, int workers, long steps, long stepMs) throws Exception {
    SleepSweep.Result result = SleepSweep.run("scaling", SleepTrialRunner.SPIN_MODEL, trials, workers, steps, stepMs);
    H2RunStore store = result.store();
    List<Interval> assignedToEnded = new ArrayList<>();
    Map<String, Interval> firstAssignedToLastEndedByWorker = new TreeMap<>();
    List<Double> dispatchMs = new ArrayList<>();
    double stepsWallMs = 0;
    for (TrialRecord trial : store.trials(result.sweepId())) {
      if (trial.status() != TrialStatus.COMPLETED) {
        throw new IllegalStateException(
            "trial " + trial.trialId() + " ended " + trial.status() + ": " + trial.message().orElse(""));
      }
      Interval trialSpan =
          new Interval(millis(trial.startedAt().orElseThrow()), millis(trial.finishedAt().orElseThrow()));
      assignedToEnded.add(trialSpan);
      firstAssignedToLastEndedByWorker.merge(trial.worker().orElseThrow(), trialSpan, Interval::cover);
      List<MetricPoint> metrics = store.metrics(result.sweepId(), trial.trialId());
      double firstStepBegan = value(metrics, "bench/started_ms", 1);
      dispatchMs.add(firstStepBegan - trialSpan.fromMs());
      stepsWallMs += value(metrics, "bench/ended_ms", steps) - firstStepBegan;
    }
    store.close();
    Collection<Interval> workerSpans = firstAssignedToLastEndedByWorker.values();
    Interval allBusy =
        new Interval(
            workerSpans.stream().mapToDouble(Interval::fromMs).max().orElseThrow(),
            workerSpans.stream().mapToDouble(Interval::toMs).min().orElseThrow());
    if (workerSpans.size() < workers || allBusy.millis() <= 0) {
      throw new IllegalStateException(
          "the " + workers + " workers were never all busy at once: run more trials, or longer ones");
    }
    // trials that straddle an edge of the window count by the share of them inside it
    double trialsWhileAllBusy = assignedToEnded.stream().mapToDouble(t -> t.shareWithin(allBusy)).sum();
    double firstAssigned = workerSpans.stream().mapToDouble(Interval::fromMs).min().orElseThrow();
    Collections.sort(dispatchMs);
    return new Run(
        workers, trialsWhileAllBusy, allBusy, allBusy.fromMs() - firstAssigned,
        stepsWallMs / (steps * dispatchMs.size()), dispatchMs);
  }

  /** The value {@code name} had at {@code step} among a trial's metrics. */
  private static double value(List<MetricPoint> metrics, String name, long step) {
    return metrics.stream()
        .filter(point -> point.name().equals(name) && point.step() == step)
        .mapToDouble(MetricPoint::value)
        .findFirst()
        .orElseThrow();
  }

  private static String summary(List<Double> sortedMs) {
    return String.format(
        Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, max %.1f ms",
        percentile(sortedMs, 0.50), percentile(sortedMs, 0.90), percentile(sortedMs, 1));
  }

  /** The nearest-rank percentile of sorted values. */
  private static double percentile(List<Double> sorted, double p) {
    return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
  }

  private static double millis(Instant instant) {
    return instant.getEpochSecond() * 1000.0 + instant.getNano() / 1e6;
  }
}
