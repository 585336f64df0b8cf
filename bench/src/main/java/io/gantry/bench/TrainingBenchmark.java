package io.gantry.bench;

import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.trial.TrialListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Training throughput and quality of Gantry's {@code vae}, {@code dcgan}, {@code pix2pix} and {@code stylegan}
 * recipes with their default parameters on the whole of Fashion-MNIST, through the real trial loop: real
 * training images per second over the training steps only (the time between training reports,
 * leaving out the first {@value #WARM_UP} steps and each epoch's evaluation), and the held-out
 * metrics after the last epoch ({@code val/elbo}, {@code val/iwae}, {@code val/fid}). {@code
 * bench/pytorch/reference.py} trains the same networks in PyTorch; {@code bench/training.sh} runs
 * both and prints the ratios. The thread count is the JVM's {@code -Dai.djl.pytorch.num_threads}.
 *
 * <p>Usage: {@code TrainingBenchmark MODEL EPOCHS [TRAIN_IMAGES]} (default: all 60,000).
 */
public final class TrainingBenchmark {

  private static final int WARM_UP = 50;

  private TrainingBenchmark() {}

  public static void main(String[] args) throws Exception {
    String model = args[0];
    int epochs = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("gantry-training-benchmark");
    TrialSpec spec =
        new TrialSpec(
            "benchmark",
            model,
            model,
            args.length > 2
                ? DatasetSpec.named(DatasetSpec.FASHION_MNIST).withLimits(Integer.parseInt(args[2]), 0)
                : DatasetSpec.named(DatasetSpec.FASHION_MNIST),
            Map.of(),
            Budget.ofEpochs(epochs),
            1,
            WARM_UP,
            dir.toString());
    Clock clock = new Clock(Hyperparams.resolve(model, Map.of()).intValue("batch_size"));
    TrialOutcome outcome = new DjlTrialRunner().run(spec, clock, () -> false);
    if (outcome.kind() != TrialOutcome.Kind.COMPLETED) {
      throw new IllegalStateException(model + " ended " + outcome);
    }
    System.out.printf(
        Locale.ROOT, "throughput %s gantry %.1f%n", model, clock.images / clock.seconds);
    clock.held.forEach(
        (name, value) ->
            System.out.printf(Locale.ROOT, "%s %s gantry %.2f%n", name.substring(4), model, value));
  }

  /**
   * Counts the images and seconds between consecutive training reports of one epoch; an interval
   * that spans the epoch's end (evaluation, pictures, checkpoint) is left out.
   */
  private static final class Clock implements TrialListener {
    final int batchSize;
    double seconds;
    long images;
    long lastStep = -1;
    long lastNanos;
    final Map<String, Double> held = new TreeMap<>();

    Clock(int batchSize) {
      this.batchSize = batchSize;
    }

    @Override
    public void onMetrics(long step, int epoch, Map<String, Double> metrics) {
      long now = System.nanoTime();
      if (metrics.keySet().stream().anyMatch(name -> name.startsWith("val/"))) {
        held.putAll(metrics);
        System.out.printf(Locale.ROOT, "  epoch %d step %d %s%n", epoch, step, metrics);
        lastStep = -1;
        return;
      }
      if (lastStep >= WARM_UP) {
        seconds += (now - lastNanos) / 1e9;
        images += (step - lastStep) * batchSize;
      }
      lastStep = step;
      lastNanos = now;
    }

    @Override
    public void onArtifact(String kind, int epoch, long step, Path path) {}
  }
}
