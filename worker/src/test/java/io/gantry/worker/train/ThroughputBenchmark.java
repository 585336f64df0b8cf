package io.gantry.worker.train;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.trial.TrialListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Training throughput of the MLP VAE and GAN on Fashion-MNIST with the catalog's defaults (batch
 * 128), measured through the real trial loop: the time from the report at step 100 to the one at
 * the last multiple of 100, so engine start and warm-up are left out. The default 400 steps stay
 * inside the first epoch (468 full batches), so no evaluation or checkpoint falls in the window
 * either. Also prints the process's resident memory at each report, which should stay flat. Not a
 * test (no *Test name, so CI does not run it); run it from the repository root:
 *
 * <pre>
 * mvn -o -q -pl worker test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
 *   -cp worker/target/classes:worker/target/test-classes:$(cat worker/target/cp.txt) \
 *   io.gantry.worker.train.ThroughputBenchmark [steps]
 * </pre>
 */
public final class ThroughputBenchmark {

  private static final int WARM_UP_STEPS = 100;
  private static final int BATCH = 128;

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 400;
    Path dir = Files.createTempDirectory("gantry-benchmark");
    for (String model : List.of("vae", "gan")) {
      TrialSpec spec =
          new TrialSpec(
              "benchmark",
              model,
              model,
              DatasetSpec.named("fashion-mnist"),
              Map.of(),
              Budget.ofSteps(steps),
              1,
              WARM_UP_STEPS,
              dir.resolve(model).toString());
      Timer timer = new Timer();
      new DjlTrialRunner().run(spec, timer, () -> false);
      double seconds = (timer.lastNanos - timer.firstNanos) / 1e9;
      double samples = (double) (timer.lastStep - WARM_UP_STEPS) * BATCH;
      System.out.printf(
          "%s: %.0f samples/s over steps %d..%d (threads %s), RSS %d -> %d MB%n",
          model,
          samples / seconds,
          WARM_UP_STEPS,
          timer.lastStep,
          System.getProperty("ai.djl.pytorch.num_threads", "default"),
          timer.firstRssMb,
          timer.lastRssMb);
    }
  }

  /** Notes the time and memory of the first and last training reports. */
  private static final class Timer implements TrialListener {
    long firstNanos;
    long lastNanos;
    long lastStep;
    long firstRssMb;
    long lastRssMb;

    @Override
    public void onMetrics(long step, int epoch, Map<String, Double> metrics) {
      if (metrics.keySet().stream().noneMatch(k -> k.startsWith("train/"))
          || step % WARM_UP_STEPS != 0) {
        return;
      }
      long now = System.nanoTime();
      long rss = residentMb();
      if (step == WARM_UP_STEPS) {
        firstNanos = now;
        firstRssMb = rss;
      }
      lastNanos = now;
      lastStep = step;
      lastRssMb = rss;
      System.out.printf("  step %d epoch %d rss %d MB %s%n", step, epoch, rss, metrics);
    }

    @Override
    public void onArtifact(String kind, int epoch, long step, Path path) {}

    private static long residentMb() {
      try {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("VmRSS:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
            .findFirst()
            .orElse(-1);
      } catch (IOException e) {
        return -1;
      }
    }
  }
}
