package io.gantry.orchestrator.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.schedule.FifoScheduler;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.OutboxRow;
import io.gantry.orchestrator.store.StoreException;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal against a real H2 file: an event and the outbox rows it makes are committed
 * together or not at all, and only then applied to the state and published.
 */
class SweepJournalTest {

  private static final String SWEEP = "s-1";

  @TempDir Path dataDir;
  private H2RunStore store;
  private final List<String> published = new ArrayList<>();
  private final AtomicReference<SweepJournal> journal = new AtomicReference<>();

  @BeforeEach
  void storeASweepWithOneQueuedTrial() {
    store = H2RunStore.open(dataDir);
    store.createSweep(
        new SweepRecord(
            SWEEP, "s", "gan", "random", "loss", "minimize", SweepStatus.RUNNING, "name: s\n", null, "/a", Instant.now(),
            Optional.empty(), OptionalInt.of(1)),
        List.of(TrialRecord.queued(SWEEP, "t001", 1, Map.of("lr", 0.1), 7)));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void anEventIsStoredWithItsOutboxRowsBeforeItIsAppliedAndPublished() throws SQLException {
    SweepJournal journal = open(event -> List.of(row("Log"), row("EndRun")));

    journal.record(ended(TrialStatus.COMPLETED));

    assertEquals(TrialStatus.COMPLETED, store.trials(SWEEP).get(0).status());
    assertEquals(2, outboxRows());
    assertEquals(TrialStatus.COMPLETED, journal.state().trials().get("t001").status());
    assertEquals(List.of("TrialEnded: stored completed, 2 outbox rows, state completed"), published);
  }

  @Test
  void anEventWhoseOutboxRowsCannotBeWrittenIsNotRecordedAnywhere() throws SQLException {
    SweepJournal journal = open(event -> List.of(row("Log"), row("an operation name longer than its column")));

    assertThrows(StoreException.class, () -> journal.record(ended(TrialStatus.COMPLETED)));

    assertEquals(TrialStatus.RUNNING, store.trials(SWEEP).get(0).status(), "the trial's end was rolled back with the rows");
    assertEquals(0, outboxRows());
    assertEquals(TrialStatus.RUNNING, journal.state().trials().get("t001").status());
    assertEquals(List.of(), published);
  }

  @Test
  void reportsRecordedTogetherAreJudgedOneByOneAndADecisionIsAppliedBeforeTheNextReport() throws SQLException {
    SweepJournal journal = open(event -> event instanceof SweepEvent.MetricsReported ? List.of(row("Log")) : List.of());
    List<String> judged = new ArrayList<>();

    journal.record(
        List.of(reported(10, 3.0), reported(20, 2.0), reported(30, 1.0)),
        event -> {
          TrialState trial = journal.state().trials().get("t001");
          judged.add(trial.lastStep() + (trial.stop().isPresent() ? " stopping" : ""));
          if (trial.lastStep() == 20) {
            journal.record(new SweepEvent.StopDecided(SWEEP, "t001", Decision.stop(20, "behind at rung 20")));
          }
        });

    assertEquals(List.of("10", "20", "30 stopping"), judged, "the decision at step 20 is in the state when step 30 is judged");
    assertEquals(3, store.metrics(SWEEP, "t001").size());
    assertEquals(3, outboxRows());
    assertEquals(
        List.of(
            "MetricsReported: stored running, 3 outbox rows, state running",
            "MetricsReported: stored running, 3 outbox rows, state running",
            "StopDecided: stored running, 3 outbox rows, state running",
            "MetricsReported: stored running, 3 outbox rows, state running"),
        published);
    assertTrue(journal.state().trials().get("t001").stop().isPresent());
  }

  /** A journal of the sweep, whose trial it has started; {@code outbox} applies from then on. */
  private SweepJournal open(EventOutbox outbox) throws SQLException {
    SweepPlan plan =
        new SweepPlan(
            SWEEP, "scripted", DatasetSpec.named(DatasetSpec.GAUSSIAN_2D), Budget.ofSteps(30), 1, dataDir, 42, 1,
            new ScriptedSearch(), new FifoScheduler(), Resources.ANY, Scheduling.DEFAULT, Optional.empty(), Optional.empty());
    AtomicReference<EventOutbox> rows = new AtomicReference<>(EventOutbox.NONE);
    journal.set(new SweepJournal(store, event -> rows.get().rowsFor(event), this::seePublished, StoredSweep.read(store, plan).state()));
    journal.get().record(new SweepEvent.TrialStarted(SWEEP, "t001", Map.of("lr", 0.1), "w1", "cpu", 1.0, 1, Optional.empty(), Instant.now()));
    assertEquals(List.of("TrialStarted: stored running, 0 outbox rows, state running"), published);
    published.clear();
    rows.set(outbox);
    return journal.get();
  }

  /** What was in the store and the state when an event was published. */
  private void seePublished(SweepEvent event) {
    try {
      published.add(
          String.format(
              "%s: stored %s, %d outbox rows, state %s",
              event.getClass().getSimpleName(), status(store.trials(SWEEP).get(0).status()), outboxRows(),
              status(journal.get().state().trials().get("t001").status())));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long outboxRows() throws SQLException {
    try (Connection connection = H2RunStore.connect(dataDir);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM tracking_outbox")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String status(TrialStatus status) {
    return status.name().toLowerCase();
  }

  private static OutboxRow row(String op) {
    return new OutboxRow("http://127.0.0.1:5000", SWEEP + "/t001", op, "{}");
  }

  private static SweepEvent ended(TrialStatus status) {
    return new SweepEvent.TrialEnded(SWEEP, "t001", status, 30, "", OptionalLong.empty(), Instant.now());
  }

  private static SweepEvent reported(long step, double loss) {
    return new SweepEvent.MetricsReported(SWEEP, "t001", step, 1, Map.of("loss", loss), System.currentTimeMillis());
  }
}
