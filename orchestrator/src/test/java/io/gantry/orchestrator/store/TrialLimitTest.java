package io.gantry.orchestrator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's trial limit: recorded when it is stored, raised by extending it, absent for older rows. */
class TrialLimitTest {

  @TempDir Path dataDir;

  @Test
  void theLimitIsStoredWithTheSweepAndRaisedByExtendingIt() {
    try (H2RunStore store = H2RunStore.open(dataDir)) {
      store.createSweep(sweep("s-1", OptionalInt.of(12)), List.of());
      assertEquals(OptionalInt.of(12), store.sweep("s-1").orElseThrow().maxTrials());
      assertEquals(OptionalInt.of(12), store.trialLimit("s-1"));
      store.extendSweep("s-1", 20);
      assertEquals(OptionalInt.of(20), store.sweep("s-1").orElseThrow().maxTrials());
      assertEquals(OptionalInt.of(20), store.sweeps().get(0).maxTrials());
    }
  }

  @Test
  void aSweepStoredWithoutItsLimitHasNone() {
    try (H2RunStore store = H2RunStore.open(dataDir)) {
      store.createSweep(sweep("s-1", OptionalInt.empty()), List.of());
      assertEquals(OptionalInt.empty(), store.sweep("s-1").orElseThrow().maxTrials());
      assertEquals(OptionalInt.empty(), store.trialLimit("s-1"));
    }
  }

  private static SweepRecord sweep(String id, OptionalInt maxTrials) {
    return new SweepRecord(
        id, "s", "gan", "random", "loss", "minimize", SweepStatus.RUNNING, "name: s\n", null, "/a", Instant.now(),
        Optional.empty(), maxTrials);
  }
}
