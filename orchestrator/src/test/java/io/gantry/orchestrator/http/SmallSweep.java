package io.gantry.orchestrator.http;

import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A small running sweep, {@value #ID}, written straight into a store, that no process runs: t001
 * completed (val/score 0.5 then 0.75, a sample grid and a checkpoint folder), t002 diverged (its
 * last loss NaN), t003 queued.
 */
final class SmallSweep {

  static final String ID = "api-1";
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

  private SmallSweep() {}

  static void write(RunStore store, Path dataDir) {
    Path artifacts = dataDir.resolve("artifacts").resolve(ID);
    Instant at = Instant.parse("2026-02-01T09:00:00Z");
    store.createSweep(
        new SweepRecord(ID, "api", "gan", "grid", "val/score", "maximize", SweepStatus.RUNNING, "name: api\n", null,
            artifacts.toString(), at, Optional.empty(), OptionalInt.empty()),
        List.of(
            TrialRecord.queued(ID, "t001", 1, Map.of("lr", 0.01, "loss", "minimax"), 1),
            TrialRecord.queued(ID, "t002", 2, Map.of("lr", 0.1, "loss", "minimax"), 2),
            TrialRecord.queued(ID, "t003", 3, Map.of("lr", 0.5, "loss", "minimax"), 3)));
    store.trialStarted(ID, "t001", "cpu-0", "cpu:0", 1, Optional.empty(), at);
    store.appendMetrics(
        ID, "t001", List.of(new MetricPoint("val/score", 100, 1, 0.5, 1), new MetricPoint("val/score", 200, 2, 0.75, 2), new MetricPoint("train/loss", 200, 2, 1.5, 2)));
    try {
      Path samples = Files.createDirectories(artifacts.resolve("t001").resolve("samples"));
      Files.write(samples.resolve("epoch-002.png"), PNG);
      Path checkpoint = Files.createDirectories(artifacts.resolve("t001").resolve("checkpoints").resolve("epoch-002"));
      store.addArtifact(ID, "t001", new ArtifactRecord("samples", 2, 200, samples.resolve("epoch-002.png").toString()));
      store.addArtifact(ID, "t001", new ArtifactRecord("checkpoint", 2, 200, checkpoint.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.trialEnded(ID, "t001", TrialStatus.COMPLETED, 200, null, at.plusSeconds(60));
    store.trialStarted(ID, "t002", "cpu-1", "cpu:1", 1, Optional.empty(), at);
    store.appendMetrics(ID, "t002", List.of(new MetricPoint("train/loss", 50, 1, 3.0, 3), new MetricPoint("train/loss", 100, 1, Double.NaN, 4)));
    store.trialEnded(ID, "t002", TrialStatus.DIVERGED, 100, "loss became NaN at step 100", at.plusSeconds(30));
  }
}
