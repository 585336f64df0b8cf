package io.gantry.orchestrator.http;

import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Two finished GAN sweeps written straight into a store, {@value #A} ({@code loss: minimax}) and
 * {@value #B} ({@code loss: non_saturating}), of {@value #TRIALS} trials each: trial n has {@code
 * lr} = {@code LR[n-1]}, {@code batch_size} 64 and seed n in both, curves of {@code train/loss} and
 * {@code val/score}, and a real PNG sample grid, but for the last trial, which has no picture.
 */
final class ComparedSweeps {

  static final String A = "cmp-a-1";
  static final String B = "cmp-b-1";
  static final int TRIALS = 3;
  static final double[] LR = {0.01, 0.05, 0.1};
  static final int EPOCHS = 5;
  private static final int STEPS_PER_EPOCH = 20;

  private ComparedSweeps() {}

  static void write(RunStore store, Path dataDir) {
    write(store, dataDir, A, "minimax", 1);
    write(store, dataDir, B, "non_saturating", 2);
  }

  private static void write(RunStore store, Path dataDir, String id, String loss, long seed) {
    Path artifacts = dataDir.resolve("artifacts").resolve(id);
    Instant at = Instant.parse("2026-03-01T09:00:00Z");
    List<TrialRecord> trials = new ArrayList<>();
    for (int n = 1; n <= TRIALS; n++) {
      trials.add(TrialRecord.queued(id, trialId(n), n, Map.of("lr", LR[n - 1], "loss", loss, "batch_size", 64), n));
    }
    store.createSweep(
        new SweepRecord(id, id.substring(0, id.lastIndexOf('-')), "gan", "grid", "val/score", "maximize", SweepStatus.RUNNING, "name: x\n", null,
            artifacts.toString(), at, Optional.empty(), OptionalInt.empty()),
        trials);
    Random random = new Random(seed);
    for (int n = 1; n <= TRIALS; n++) {
      String trial = trialId(n);
      store.trialStarted(id, trial, "cpu-0", "cpu:0", 1, Optional.empty(), at);
      store.appendMetrics(id, trial, curves(random, seed * n));
      if (n < TRIALS) {
        Path picture = artifacts.resolve(trial).resolve("samples").resolve(String.format("epoch-%03d.png", EPOCHS));
        writeGrid(picture, random);
        store.addArtifact(id, trial, new ArtifactRecord("samples", EPOCHS, (long) EPOCHS * STEPS_PER_EPOCH, picture.toString()));
      }
      store.trialEnded(id, trial, TrialStatus.COMPLETED, (long) EPOCHS * STEPS_PER_EPOCH, null, at.plusSeconds(60));
    }
    store.sweepEnded(id, SweepStatus.FINISHED, at.plusSeconds(120));
  }

  static String trialId(int n) {
    return String.format("t%03d", n);
  }

  /** A falling loss at every step and a rising score at the end of every epoch. */
  private static List<MetricPoint> curves(Random random, double pace) {
    List<MetricPoint> points = new ArrayList<>();
    for (int step = 1; step <= EPOCHS * STEPS_PER_EPOCH; step++) {
      int epoch = 1 + (step - 1) / STEPS_PER_EPOCH;
      points.add(new MetricPoint("train/loss", step, epoch, 0.4 + 2 * Math.exp(-0.02 * pace * step) + 0.05 * random.nextGaussian(), step));
      if (step % STEPS_PER_EPOCH == 0) {
        points.add(new MetricPoint("val/score", step, epoch, 1 - Math.exp(-0.3 * pace * epoch), step));
      }
    }
    return points;
  }

  /** An 8 x 8 grid of 28-pixel tiles, each a pale blob on black, as a sample grid of small images. */
  private static void writeGrid(Path file, Random random) {
    BufferedImage image = new BufferedImage(8 * 28, 8 * 28, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    for (int tile = 0; tile < 64; tile++) {
      int gray = 120 + random.nextInt(136);
      int width = 8 + random.nextInt(14);
      int height = 10 + random.nextInt(14);
      g.setColor(new Color(gray, gray, gray));
      g.fillOval((tile % 8) * 28 + (28 - width) / 2, (tile / 8) * 28 + (28 - height) / 2, width, height);
    }
    g.dispose();
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
