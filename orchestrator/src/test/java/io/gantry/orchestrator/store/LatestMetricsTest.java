package io.gantry.orchestrator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's latest value of each metric: kept on every write and across attempts, filled in for older stores. */
class LatestMetricsTest {

  @TempDir Path dataDir;

  @Test
  void theLatestValueIsTheOneAtTheHighestStep() {
    try (H2RunStore store = open()) {
      store.appendMetrics("s-1", "t001", List.of(point("loss", 1, 3.0), point("loss", 2, 2.0), point("acc", 2, 0.5)));
      store.appendMetrics("s-1", Map.of("t001", List.of(point("loss", 5, 1.0)), "t002", List.of(point("loss", 1, 9.0))));
      store.appendMetrics("s-1", "t001", List.of(point("loss", 4, 7.0)));
      assertEquals(Map.of("t001", Map.of("acc", 0.5, "loss", 1.0), "t002", Map.of("loss", 9.0)), store.latestMetrics("s-1"));

      store.trialStarted("s-1", "t001", "cpu-0", "cpu:0", 2, Optional.empty(), Instant.now());
      assertEquals(
          Map.of("t001", Map.of("acc", 0.5, "loss", 1.0), "t002", Map.of("loss", 9.0)),
          store.latestMetrics("s-1"),
          "a new attempt resumes the trial: what it recorded stays");
      assertTrue(store.latestMetrics("s-2").isEmpty());
    }
  }

  @Test
  void aStoreFromBeforeTheTableGetsItFilledIn() throws Exception {
    try (H2RunStore store = open()) {
      store.appendMetrics("s-1", "t001", List.of(point("loss", 1, 3.0), point("loss", 9, 0.25), point("loss", 4, 2.0)));
    }
    try (Connection connection = H2RunStore.connect(dataDir);
        Statement statement = connection.createStatement()) {
      // back to a store of version 3: without the tables of the later migrations
      statement.execute("DROP TABLE latest_metrics");
      statement.execute("DROP TABLE quiz_pairs");
      statement.execute("DROP TABLE preemptions");
      statement.execute("DELETE FROM schema_version WHERE version >= 4");
    }
    try (H2RunStore store = H2RunStore.open(dataDir)) {
      assertEquals(Map.of("t001", Map.of("loss", 0.25)), store.latestMetrics("s-1"));
    }
  }

  private H2RunStore open() {
    H2RunStore store = H2RunStore.open(dataDir);
    store.createSweep(
        new SweepRecord("s-1", "s", "gan", "grid", "loss", "minimize", SweepStatus.RUNNING, "name: s\n", null, "/a", Instant.now(), Optional.empty(), OptionalInt.empty()),
        List.of(TrialRecord.queued("s-1", "t001", 1, Map.of(), 1), TrialRecord.queued("s-1", "t002", 2, Map.of(), 2)));
    return store;
  }

  private static MetricPoint point(String name, long step, double value) {
    return new MetricPoint(name, step, 1, value, step);
  }
}
