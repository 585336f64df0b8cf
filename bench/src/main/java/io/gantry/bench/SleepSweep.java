package io.gantry.bench;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.LocalService;
import io.gantry.orchestrator.run.RunObserver;
import io.gantry.orchestrator.schedule.FifoScheduler;
import io.gantry.orchestrator.search.SearchStrategy;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import io.gantry.orchestrator.tracking.SweepTracking;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Sweeps of {@link SleepTrialRunner} trials (sleeping, or CPU-bound), stored in H2, and run as
 * {@code gantry run} runs one: the sweep service in this process, one worker process per slot
 * joining it over Pekko Cluster on loopback. The sweeps are made in code because no sweep file can
 * name the {@code sleep} or {@code spin} model.
 */
final class SleepSweep {

  /** The finished sweep: its store (open) and how long the run took, start-up included. */
  record Result(H2RunStore store, String sweepId, double wallSeconds) {}

  /** A stored sweep with no trials yet, and the plan that runs it. */
  record Stored(H2RunStore store, SweepPlan plan, Path data) {}

  private SleepSweep() {}

  /** Stores a sweep of {@code trials} trials of {@code steps} steps of {@code stepMs} each, in a store of its own. */
  static Stored store(String name, int trials, long steps, long stepMs) throws Exception {
    return store(name, SleepTrialRunner.MODEL, trials, steps, stepMs);
  }

  /** As {@link #store(String, int, long, long)}, of {@code model}: one of {@link SleepTrialRunner}'s. */
  static Stored store(String name, String model, int trials, long steps, long stepMs) throws Exception {
    Path data = Files.createTempDirectory("gantry-bench-" + name);
    return store(H2RunStore.open(data), data, name, model, trials, steps, stepMs);
  }

  /** Stores a sweep of {@code model} in {@code store}, the store of the data folder {@code data}. */
  static Stored store(H2RunStore store, Path data, String name, String model, int trials, long steps, long stepMs) {
    String sweepId = store.newSweepId(name);
    Path artifacts = data.resolve("artifacts").resolve(sweepId);
    store.createSweep(
        new SweepRecord(
            sweepId, name, model, "sequence", "val/score", "maximize", SweepStatus.RUNNING,
            "# made by the " + name + " benchmark\n", null, artifacts.toString(), Instant.now(), Optional.empty(), OptionalInt.of(trials)),
        List.of());
    int[] asked = {0};
    SearchStrategy sequence = running -> Optional.of(Map.of("i", ++asked[0], "step_ms", stepMs));
    SweepPlan plan =
        new SweepPlan(
            sweepId, model, DatasetSpec.named(DatasetSpec.GAUSSIAN_2D), Budget.ofSteps(steps),
            1, artifacts, 0, trials, sequence, new FifoScheduler(), Resources.ANY, Scheduling.DEFAULT, Optional.empty(), Optional.empty());
    return new Stored(store, plan, data);
  }

  /** Runs {@code trials} trials of {@code steps} steps of {@code stepMs} each on {@code workers} worker processes. */
  static Result run(String name, int trials, int workers, long steps, long stepMs) throws Exception {
    return run(name, SleepTrialRunner.MODEL, trials, workers, steps, stepMs);
  }

  /** As {@link #run(String, int, int, long, long)}, of {@code model}: one of {@link SleepTrialRunner}'s. */
  static Result run(String name, String model, int trials, int workers, long steps, long stepMs) throws Exception {
    Stored sweep = store(name, model, trials, steps, stepMs);
    Path logDir = sweep.data().resolve("logs");
    long start = System.nanoTime();
    boolean ended;
    try (LocalService local = LocalService.start(devices(workers), 1, 0, logDir)) {
      ended = run(local, sweep);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    if (!ended) {
      throw new IllegalStateException("the " + name + " sweep did not finish; see " + logDir);
    }
    return new Result(sweep.store(), sweep.plan().sweepId(), wall);
  }

  /** Runs the stored sweep on the service's workers until it ends; whether it did. */
  static boolean run(LocalService local, Stored sweep) {
    return local.service().run(sweep.store(), sweep.plan(), SweepTracking.OFF, new PrintStream(OutputStream.nullOutputStream()), false, RunObserver.NONE);
  }

  /** {@code cpu:0}, {@code cpu:1}, ...: one slot per worker process. */
  static List<String> devices(int workers) {
    return IntStream.range(0, workers).mapToObj(i -> "cpu:" + i).toList();
  }
}
