package io.gantry.orchestrator.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.OutboxRow;
import io.gantry.orchestrator.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tracking outbox and the record of MLflow runs made, kept in the store's H2 file. Rows are
 * added by the store, in the transaction of the event they come from ({@link #rows}); they are
 * read, delivered and marked here, on a connection of its own, so that delivery never waits on the
 * coordinator's connection or the other way round. Each tracking server (its URL) has its own rows.
 */
final class Outbox implements AutoCloseable {

  /** A row still to deliver. */
  record Pending(long id, String runKey, TrackingOp op) {}

  /** The MLflow run made for a run key. */
  record RunRef(String experimentId, String runId, String artifactUri) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;

  private Outbox(Connection connection) {
    this.connection = connection;
  }

  static Outbox open(Path dataDir) {
    try {
      return new Outbox(H2RunStore.connect(dataDir));
    } catch (SQLException e) {
      throw new StoreException("cannot open the tracking outbox in " + dataDir, e);
    }
  }

  /** The rows that put {@code entries} in the outbox of {@code server}; the store writes them. */
  static List<OutboxRow> rows(String server, List<TrackingEntry> entries) {
    List<OutboxRow> rows = new ArrayList<>();
    for (TrackingEntry entry : entries) {
      try {
        rows.add(new OutboxRow(server, entry.runKey(), entry.op().getClass().getSimpleName(), JSON.writeValueAsString(entry.op())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a tracking operation as JSON: " + entry, e);
      }
    }
    return rows;
  }

  /**
   * The oldest {@code limit} rows for {@code server} not yet delivered nor rejected, oldest first;
   * with {@code sweepId}, only that sweep's (its run's and its trials' runs').
   */
  synchronized List<Pending> pending(String server, int limit, Optional<String> sweepId) {
    return query(
        "SELECT id, run_key, payload FROM tracking_outbox WHERE server = ? AND NOT rejected" + OF_SWEEP + " ORDER BY id LIMIT ?",
        rows -> {
          List<Pending> pending = new ArrayList<>();
          while (rows.next()) {
            pending.add(new Pending(rows.getLong(1), rows.getString(2), parse(rows.getString(3))));
          }
          return pending;
        },
        server, sweepOrAll(sweepId), sweepOrAll(sweepId), trialKeyPrefix(sweepId).length(), trialKeyPrefix(sweepId), limit);
  }

  synchronized long pendingCount(String server, Optional<String> sweepId) {
    return query(
        "SELECT COUNT(*) FROM tracking_outbox WHERE server = ? AND NOT rejected" + OF_SWEEP,
        rows -> rows.next() ? rows.getLong(1) : 0L,
        server, sweepOrAll(sweepId), sweepOrAll(sweepId), trialKeyPrefix(sweepId).length(), trialKeyPrefix(sweepId));
  }

  /** How many rows for the run {@code runKey} of {@code server} wait. */
  synchronized long pendingCount(String server, String runKey) {
    return query(
        "SELECT COUNT(*) FROM tracking_outbox WHERE server = ? AND run_key = ? AND NOT rejected",
        rows -> rows.next() ? rows.getLong(1) : 0L,
        server, runKey);
  }

  /** Rows of every sweep when the first parameter is null, else of the sweep's run and its trials' runs. */
  private static final String OF_SWEEP = " AND (CAST(? AS VARCHAR) IS NULL OR run_key = ? OR LEFT(run_key, ?) = ?)";

  private static String sweepOrAll(Optional<String> sweepId) {
    return sweepId.map(TrackingEntry::sweepKey).orElse(null);
  }

  private static String trialKeyPrefix(Optional<String> sweepId) {
    return sweepId.map(id -> TrackingEntry.trialKey(id, "")).orElse("");
  }

  synchronized void delivered(List<Long> ids) {
    for (long id : ids) {
      update("DELETE FROM tracking_outbox WHERE id = ?", id);
    }
  }

  /** Notes a failed try; the rows stay pending. */
  synchronized void failed(List<Long> ids, String error) {
    for (long id : ids) {
      update("UPDATE tracking_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", clip(error), id);
    }
  }

  /** MLflow refused the row for good: it is kept for inspection and never tried again. */
  synchronized void rejected(long id, String error) {
    update("UPDATE tracking_outbox SET attempts = attempts + 1, rejected = TRUE, last_error = ? WHERE id = ?", clip(error), id);
  }

  synchronized Optional<RunRef> run(String server, String runKey) {
    return query(
        "SELECT experiment_id, run_id, artifact_uri FROM tracking_runs WHERE server = ? AND run_key = ?",
        rows -> rows.next() ? Optional.of(new RunRef(rows.getString(1), rows.getString(2), rows.getString(3))) : Optional.empty(),
        server, runKey);
  }

  synchronized void recordRun(String server, String runKey, RunRef run) {
    update(
        "MERGE INTO tracking_runs (server, run_key, experiment_id, run_id, artifact_uri) KEY (server, run_key) VALUES (?, ?, ?, ?, ?)",
        server, runKey, run.experimentId(), run.runId(), run.artifactUri());
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the tracking outbox", e);
    }
  }

  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> T query(String sql, RowReader<T> reader, Object... values) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the tracking outbox", e);
    }
  }

  private void update(String sql, Object... values) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot update the tracking outbox", e);
    }
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  private static TrackingOp parse(String payload) throws SQLException {
    try {
      return JSON.readValue(payload, TrackingOp.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("an outbox payload is not a tracking operation: " + payload, e);
    }
  }

  private static String clip(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
  }
}
