package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.cli.CliRun;

import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Training throughput with MLflow tracking on and off: the same 4-trial gaussian-2d GAN sweep on 2
 * workers, reporting every 5 steps (far more often than a real sweep, to load tracking), run
 * alternately without and with {@code --mlflow}, after one unmeasured warm-up sweep. Throughput is
 * training steps per second of trial time (started to finished, as the store has them), so
 * process start-up is left out. Not a test (no *Test name, so CI does not run it); from the
 * repository root:
 *
 * <pre>
 * mvn -o -q -pl worker,orchestrator test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp orchestrator/target/classes:orchestrator/target/test-classes:worker/target/classes:$(cat orchestrator/target/cp.txt) \
 *   io.gantry.orchestrator.tracking.TrackingBenchmark [rounds]
 * </pre>
 */
public final class TrackingBenchmark {

  private static final String SWEEP =
      """
      name: NAME
      model: gan
      dataset: {name: gaussian-2d, train_limit: 1000}
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 4}
      report_every: 5
      parameters:
        g_hidden: {value: 0}
        latent_dim: {value: 2}
        batch_size: {value: 8}
        lr_d: {values: [0.05, 0.04, 0.03, 0.02]}
      seed: 11
      """;

  private TrackingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Path dir = Files.createTempDirectory("gantry-tracking-benchmark");
    double[] stepsPerSecond = new double[2];
    try (LocalMlflow mlflow = LocalMlflow.start(Files.createDirectories(dir.resolve("mlflow")))) {
      // the first sweep of a JVM is slower (class loading, JIT): measure none of it
      sweep(dir, "warm-up", null);
      for (int round = 1; round <= rounds; round++) {
        for (int on = 0; on <= 1; on++) {
          String name = (on == 1 ? "on-" : "off-") + round;
          double rate = sweep(dir, name, on == 1 ? mlflow.url() : null);
          stepsPerSecond[on] += rate / rounds;
          System.out.printf("round %d, MLflow %s: %.0f training steps/s%n", round, on == 1 ? "on " : "off", rate);
        }
      }
    }
    System.out.printf(
        "training throughput, MLflow on / off: %.0f / %.0f steps/s = %.3f%n",
        stepsPerSecond[1], stepsPerSecond[0], stepsPerSecond[1] / stepsPerSecond[0]);
  }

  private static double sweep(Path dir, String name, String mlflow) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, SWEEP.replace("NAME", name));
    Path data = dir.resolve("data");
    CliRun run =
        mlflow == null
            ? CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "2")
            : CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "2", "--mlflow", mlflow);
    if (run.code() != 0 || (mlflow != null && !run.out().contains("mlflow: everything delivered"))) {
      throw new IllegalStateException("the sweep failed: " + run);
    }
    try (H2RunStore store = H2RunStore.open(data)) {
      SweepRecord sweep = store.sweep(name).orElseThrow();
      long steps = 0;
      Duration busy = Duration.ZERO;
      for (TrialRecord trial : store.trials(sweep.id())) {
        steps += trial.lastStep();
        busy = busy.plus(Duration.between(trial.startedAt().orElseThrow(), trial.finishedAt().orElseThrow()));
      }
      return steps / (busy.toMillis() / 1000.0);
    }
  }
}
