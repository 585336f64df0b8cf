package io.gantry.orchestrator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latest file of a kind of every trial of a sweep, read at once for the trials table. */
class LatestArtifactsTest {

  @TempDir Path dataDir;

  @Test
  void eachTrialsLatestFileOfTheKindAndNoOtherKind() {
    try (H2RunStore store = H2RunStore.open(dataDir)) {
      store.createSweep(
          new SweepRecord("s-1", "s", "gan", "grid", "loss", "minimize", SweepStatus.RUNNING, "name: s\n", null, "/a", Instant.now(), Optional.empty(), OptionalInt.empty()),
          List.of(TrialRecord.queued("s-1", "t001", 1, Map.of(), 1), TrialRecord.queued("s-1", "t002", 2, Map.of(), 2), TrialRecord.queued("s-1", "t003", 3, Map.of(), 3)));
      ArtifactRecord latest = new ArtifactRecord("samples", 3, 300, "/a/t001/samples/epoch-003.png");
      store.addArtifact("s-1", "t001", new ArtifactRecord("samples", 1, 100, "/a/t001/samples/epoch-001.png"));
      store.addArtifact("s-1", "t001", latest);
      store.addArtifact("s-1", "t001", new ArtifactRecord("samples", 2, 200, "/a/t001/samples/epoch-002.png"));
      store.addArtifact("s-1", "t001", new ArtifactRecord("reconstructions", 4, 400, "/a/t001/reconstructions/epoch-004.png"));
      ArtifactRecord other = new ArtifactRecord("samples", 1, 50, "/a/t002/samples/epoch-001.png");
      store.addArtifact("s-1", "t002", other);
      store.addArtifact("s-1", "t003", new ArtifactRecord("checkpoint", 1, 50, "/a/t003/checkpoints/epoch-001"));

      assertEquals(Map.of("t001", latest, "t002", other), store.latestArtifacts("s-1", "samples"));
      assertEquals(Map.of(), store.latestArtifacts("s-2", "samples"));
    }
  }
}
