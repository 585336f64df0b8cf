package io.gantry.orchestrator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.protocol.trial.CheckpointFolders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The embedded store: one H2 file under the data folder. {@code AUTO_SERVER} lets a second
 * process (say {@code gantry show} during a run) read the file the coordinator has open.
 */
public final class H2RunStore implements RunStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SWEEP_COLUMNS =
      "id, name, model, method, metric_name, metric_goal, status, spec_yaml, source_path, artifact_dir, created_at, finished_at,"
          + " max_trials, objectives";
  private static final String TRIAL_COLUMNS =
      "sweep_id, trial_id, seq, params_json, seed, status, worker, device, last_step, attempt, message, started_at, finished_at,"
          + " stop_rung";

  private final Connection connection;
  private final Path file;
  /** How many transactions are open on this connection: writes within {@link #atomically} join its transaction. */
  private int openTransactions;

  private H2RunStore(Connection connection, Path file) {
    this.connection = connection;
    this.file = file;
  }

  /** Opens (creating if needed) the store {@code gantry.mv.db} in {@code dataDir}. */
  public static H2RunStore open(Path dataDir) {
    Path base = dataDir.toAbsolutePath().resolve("gantry");
    try {
      return new H2RunStore(connect(dataDir), base.resolveSibling("gantry.mv.db"));
    } catch (SQLException e) {
      throw new StoreException("cannot open the store at " + base + ".mv.db", e);
    }
  }

  /**
   * A connection of its own to the store file in {@code dataDir}, its schema up to date, for the
   * tables that live beside the store's own (the tracking outbox).
   */
  public static Connection connect(Path dataDir) throws SQLException {
    Path base = dataDir.toAbsolutePath().resolve("gantry");
    // WRITE_DELAY=0: a commit reaches the file at once, so a coordinator killed with -9 loses
    // nothing it recorded (by default H2 writes committed work up to half a second later)
    Connection connection =
        DriverManager.getConnection("jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "gantry", "");
    Migrations.apply(connection);
    return connection;
  }

  /** The H2 file on disk. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized String newSweepId(String name) {
    return query(
        "SELECT COUNT(*) FROM sweeps WHERE name = ?",
        rows -> {
          rows.next();
          return name + "-" + (rows.getInt(1) + 1);
        },
        name);
  }

  @Override
  public synchronized void createSweep(SweepRecord sweep, List<TrialRecord> trials) {
    inTransaction(
        "create sweep " + sweep.id(),
        () -> {
          update(
              "INSERT INTO sweeps (" + SWEEP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              sweep.id(), sweep.name(), sweep.model(), sweep.method(), sweep.metricName(), sweep.metricGoal(),
              sweep.status().name(), sweep.specYaml(), sweep.sourcePath(), sweep.artifactDir(),
              timestamp(sweep.createdAt()), sweep.finishedAt().map(H2RunStore::timestamp).orElse(null),
              sweep.maxTrials().isPresent() ? sweep.maxTrials().getAsInt() : null,
              sweep.objectives().beyondOneMetric() ? toJson(sweep.objectives().toJsonMap()) : null);
          insertTrials(trials);
        });
  }

  @Override
  public synchronized void addTrial(TrialRecord trial) {
    inTransaction("add trial " + trial.trialId(), () -> insertTrials(List.of(trial)));
  }

  private void insertTrials(List<TrialRecord> trials) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO trials (" + TRIAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TrialRecord trial : trials) {
        bind(
            insert, trial.sweepId(), trial.trialId(), trial.seq(), toJson(trial.params()), trial.seed(),
            trial.status().name(), trial.worker().orElse(null), trial.device().orElse(null), trial.lastStep(),
            trial.attempt(), trial.message().orElse(null),
            trial.startedAt().map(H2RunStore::timestamp).orElse(null),
            trial.finishedAt().map(H2RunStore::timestamp).orElse(null),
            trial.stopRung().isPresent() ? trial.stopRung().getAsLong() : null);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public synchronized void trialStarted(
      String sweepId, String trialId, String worker, String device, int attempt, Optional<String> note, Instant at) {
    inTransaction(
        "start trial " + trialId,
        () ->
            update(
                "UPDATE trials SET status = ?, worker = ?, device = ?, attempt = ?, message = ?,"
                    + " started_at = COALESCE(started_at, ?), finished_at = NULL, stop_rung = NULL"
                    + " WHERE sweep_id = ? AND trial_id = ?",
                TrialStatus.RUNNING.name(), worker, device, attempt, note.orElse(null), timestamp(at), sweepId, trialId));
  }

  @Override
  public synchronized void trialRequeued(String sweepId, String trialId, String reason) {
    inTransaction(
        "requeue trial " + trialId,
        () ->
            update(
                "UPDATE trials SET status = ?, worker = NULL, device = NULL, message = ? WHERE sweep_id = ? AND trial_id = ?",
                TrialStatus.QUEUED.name(), reason, sweepId, trialId));
  }

  @Override
  public synchronized void trialPreempted(String sweepId, String trialId, long step, String reason, Instant at) {
    inTransaction(
        "record the preemption of trial " + trialId,
        () -> {
          update(
              "UPDATE trials SET status = ?, worker = NULL, device = NULL, message = ? WHERE sweep_id = ? AND trial_id = ?",
              TrialStatus.QUEUED.name(), reason, sweepId, trialId);
          update(
              "INSERT INTO preemptions (sweep_id, trial_id, step, reason, at) VALUES (?, ?, ?, ?, ?)",
              sweepId, trialId, step, reason, timestamp(at));
        });
  }

  @Override
  public synchronized List<PreemptionRecord> preemptions(String sweepId) {
    return query(
        "SELECT trial_id, step, reason, at FROM preemptions WHERE sweep_id = ? ORDER BY at",
        rows -> {
          List<PreemptionRecord> preemptions = new ArrayList<>();
          while (rows.next()) {
            preemptions.add(new PreemptionRecord(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getTimestamp(4).toInstant()));
          }
          return preemptions;
        },
        sweepId);
  }

  @Override
  public synchronized void trialExploited(LineageRecord exploit, String message) {
    inTransaction(
        "record the exploit of trial " + exploit.trialId(),
        () -> {
          update(
              "UPDATE trials SET status = ?, worker = NULL, device = NULL, message = ?, params_json = ?, seed = ? WHERE sweep_id = ? AND trial_id = ?",
              TrialStatus.QUEUED.name(), message, toJson(exploit.newParams()), exploit.newSeed(), exploit.sweepId(), exploit.trialId());
          update(
              "INSERT INTO lineage (sweep_id, trial_id, seq, step, parent_id, old_params, new_params, old_seed, new_seed, at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              exploit.sweepId(), exploit.trialId(), exploit.seq(), exploit.step(), exploit.parentId(), toJson(exploit.oldParams()),
              toJson(exploit.newParams()), exploit.oldSeed(), exploit.newSeed(), timestamp(exploit.at()));
        });
  }

  @Override
  public synchronized List<LineageRecord> lineage(String sweepId) {
    return query(
        "SELECT trial_id, seq, step, parent_id, old_params, new_params, old_seed, new_seed, at FROM lineage WHERE sweep_id = ? ORDER BY seq",
        rows -> {
          List<LineageRecord> lineage = new ArrayList<>();
          while (rows.next()) {
            lineage.add(
                new LineageRecord(
                    sweepId, rows.getString(1), rows.getInt(2), rows.getLong(3), rows.getString(4), fromJson(rows.getString(5)),
                    fromJson(rows.getString(6)), rows.getLong(7), rows.getLong(8), rows.getTimestamp(9).toInstant()));
          }
          return lineage;
        },
        sweepId);
  }

  @Override
  public synchronized void trialEnded(
      String sweepId, String trialId, TrialStatus status, long lastStep, String message, Instant at) {
    endTrial(sweepId, trialId, status, lastStep, message, null, at);
  }

  @Override
  public synchronized void trialStopped(
      String sweepId, String trialId, long lastStep, long rung, String reason, Instant at) {
    endTrial(sweepId, trialId, TrialStatus.STOPPED, lastStep, reason, rung, at);
  }

  private void endTrial(
      String sweepId, String trialId, TrialStatus status, long lastStep, String message, Long rung, Instant at) {
    inTransaction(
        "end trial " + trialId,
        () ->
            update(
                // a trial that ends with nothing to say keeps its note of how it resumed
                "UPDATE trials SET status = ?, last_step = GREATEST(last_step, ?), message = COALESCE(?, message),"
                    + " finished_at = ?, stop_rung = ? WHERE sweep_id = ? AND trial_id = ?",
                status.name(), lastStep, message == null || message.isEmpty() ? null : message, timestamp(at),
                rung, sweepId, trialId));
  }

  @Override
  public synchronized void appendMetrics(String sweepId, String trialId, List<MetricPoint> points) {
    appendMetrics(sweepId, Map.of(trialId, points));
  }

  @Override
  public synchronized void appendMetrics(String sweepId, Map<String, List<MetricPoint>> pointsByTrial) {
    inTransaction(
        "record metrics of trials " + pointsByTrial.keySet(),
        () -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO metrics (sweep_id, trial_id, name, step, epoch, val, ts) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (var trial : pointsByTrial.entrySet()) {
              for (MetricPoint point : trial.getValue()) {
                bind(insert, sweepId, trial.getKey(), point.name(), point.step(), point.epoch(), point.value(), point.timestampMillis());
                insert.addBatch();
              }
            }
            insert.executeBatch();
          }
          keepLatest(sweepId, pointsByTrial);
          for (var trial : pointsByTrial.entrySet()) {
            long lastStep = trial.getValue().stream().mapToLong(MetricPoint::step).max().orElse(0);
            update(
                "UPDATE trials SET last_step = GREATEST(last_step, ?) WHERE sweep_id = ? AND trial_id = ?",
                lastStep, sweepId, trial.getKey());
          }
        });
  }

  /** Moves each metric's row in latest_metrics to the newest of these points, unless it has a newer one. */
  private void keepLatest(String sweepId, Map<String, List<MetricPoint>> pointsByTrial) throws SQLException {
    try (PreparedStatement merge =
        connection.prepareStatement(
            "MERGE INTO latest_metrics l USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
                + " CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION))) p(sweep_id, trial_id, name, step, val)"
                + " ON l.sweep_id = p.sweep_id AND l.trial_id = p.trial_id AND l.name = p.name"
                + " WHEN MATCHED AND p.step >= l.step THEN UPDATE SET step = p.step, val = p.val"
                + " WHEN NOT MATCHED THEN INSERT (sweep_id, trial_id, name, step, val) VALUES (p.sweep_id, p.trial_id, p.name, p.step, p.val)")) {
      for (var trial : pointsByTrial.entrySet()) {
        Map<String, MetricPoint> newest = new LinkedHashMap<>();
        trial.getValue().forEach(p -> newest.merge(p.name(), p, (a, b) -> b.step() >= a.step() ? b : a));
        for (MetricPoint point : newest.values()) {
          bind(merge, sweepId, trial.getKey(), point.name(), point.step(), point.value());
          merge.addBatch();
        }
      }
      merge.executeBatch();
    }
  }

  @Override
  public synchronized void addArtifact(String sweepId, String trialId, ArtifactRecord artifact) {
    inTransaction(
        "record artifact of trial " + trialId,
        () -> {
          // a resumed trial sends again what it wrote after its checkpoint: one row per file
          for (String table : List.of("checkpoints", "artifacts")) {
            update("DELETE FROM " + table + " WHERE sweep_id = ? AND trial_id = ? AND path = ?", sweepId, trialId, artifact.path());
          }
          if (CheckpointFolders.KIND.equals(artifact.kind())) {
            update(
                "INSERT INTO checkpoints (sweep_id, trial_id, epoch, step, path) VALUES (?, ?, ?, ?, ?)",
                sweepId, trialId, artifact.epoch(), artifact.step(), artifact.path());
          } else {
            update(
                "INSERT INTO artifacts (sweep_id, trial_id, kind, epoch, step, path) VALUES (?, ?, ?, ?, ?, ?)",
                sweepId, trialId, artifact.kind(), artifact.epoch(), artifact.step(), artifact.path());
          }
        });
  }

  @Override
  public synchronized void sweepEnded(String sweepId, SweepStatus status, Instant at) {
    inTransaction(
        "end sweep " + sweepId,
        () -> update("UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ?", status.name(), timestamp(at), sweepId));
  }

  @Override
  public synchronized void atomically(Runnable writes) {
    inTransaction("record what happened", writes::run);
  }

  @Override
  public synchronized void addOutboxRows(List<OutboxRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    inTransaction(
        "add " + rows.size() + " rows to the tracking outbox",
        () -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO tracking_outbox (server, run_key, op, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            Timestamp now = timestamp(Instant.now());
            for (OutboxRow row : rows) {
              bind(insert, row.server(), row.runKey(), row.op(), row.payload(), now);
              insert.addBatch();
            }
            insert.executeBatch();
          }
        });
  }

  @Override
  public synchronized OptionalInt trialLimit(String sweepId) {
    return query(
        "SELECT max_trials FROM sweeps WHERE id = ?",
        rows -> {
          int limit = rows.next() ? rows.getInt(1) : 0;
          return limit > 0 ? OptionalInt.of(limit) : OptionalInt.empty();
        },
        sweepId);
  }

  @Override
  public synchronized SweepStatus extendSweep(String sweepId, int maxTrials) {
    SweepStatus before =
        sweep(sweepId).filter(s -> s.id().equals(sweepId)).map(SweepRecord::status)
            .orElseThrow(() -> new IllegalArgumentException("no sweep " + sweepId));
    inTransaction(
        "extend sweep " + sweepId,
        () ->
            update(
                "UPDATE sweeps SET max_trials = ?, status = ?, finished_at = NULL WHERE id = ?",
                maxTrials, SweepStatus.RUNNING.name(), sweepId));
    return before;
  }

  @Override
  public synchronized List<SweepRecord> sweeps() {
    return query("SELECT " + SWEEP_COLUMNS + " FROM sweeps ORDER BY created_at DESC, id DESC", H2RunStore::sweepRows);
  }

  @Override
  public synchronized Optional<SweepRecord> sweep(String idOrName) {
    List<SweepRecord> found =
        query(
            "SELECT " + SWEEP_COLUMNS + " FROM sweeps WHERE id = ? OR name = ?"
                + " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END, created_at DESC, id DESC",
            H2RunStore::sweepRows,
            idOrName, idOrName, idOrName);
    return found.stream().findFirst();
  }

  @Override
  public synchronized List<TrialRecord> trials(String sweepId) {
    return query(
        "SELECT " + TRIAL_COLUMNS + " FROM trials WHERE sweep_id = ? ORDER BY seq",
        rows -> {
          List<TrialRecord> trials = new ArrayList<>();
          while (rows.next()) {
            trials.add(
                new TrialRecord(
                    rows.getString(1), rows.getString(2), rows.getInt(3), fromJson(rows.getString(4)), rows.getLong(5),
                    TrialStatus.valueOf(rows.getString(6)), Optional.ofNullable(rows.getString(7)),
                    Optional.ofNullable(rows.getString(8)), rows.getLong(9), rows.getInt(10),
                    Optional.ofNullable(rows.getString(11)), instant(rows, 12), instant(rows, 13),
                    rows.getObject(14) == null ? OptionalLong.empty() : OptionalLong.of(rows.getLong(14))));
          }
          return trials;
        },
        sweepId);
  }

  @Override
  public synchronized List<MetricPoint> metrics(String sweepId, String trialId) {
    return query(
        "SELECT name, step, epoch, val, ts FROM metrics WHERE sweep_id = ? AND trial_id = ? ORDER BY name, step",
        rows -> {
          List<MetricPoint> points = new ArrayList<>();
          while (rows.next()) {
            points.add(new MetricPoint(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getDouble(4), rows.getLong(5)));
          }
          return points;
        },
        sweepId, trialId);
  }

  @Override
  public synchronized Map<String, Map<String, Double>> latestMetrics(String sweepId) {
    return query(
        "SELECT trial_id, name, val FROM latest_metrics WHERE sweep_id = ? ORDER BY trial_id, name",
        rows -> {
          Map<String, Map<String, Double>> latest = new LinkedHashMap<>();
          while (rows.next()) {
            latest.computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>()).put(rows.getString(2), rows.getDouble(3));
          }
          return latest;
        },
        sweepId);
  }

  @Override
  public synchronized Map<String, Double> latestMetrics(String sweepId, String trialId) {
    return query(
        "SELECT name, val FROM latest_metrics WHERE sweep_id = ? AND trial_id = ? ORDER BY name",
        rows -> {
          Map<String, Double> latest = new LinkedHashMap<>();
          while (rows.next()) {
            latest.put(rows.getString(1), rows.getDouble(2));
          }
          return latest;
        },
        sweepId, trialId);
  }

  @Override
  public synchronized List<ArtifactRecord> artifacts(String sweepId, String trialId) {
    return query(
        "SELECT kind, epoch, step, path FROM artifacts WHERE sweep_id = ? AND trial_id = ?"
            + " UNION ALL SELECT 'checkpoint', epoch, step, path FROM checkpoints WHERE sweep_id = ? AND trial_id = ?"
            + " ORDER BY 2, 1",
        rows -> {
          List<ArtifactRecord> artifacts = new ArrayList<>();
          while (rows.next()) {
            artifacts.add(new ArtifactRecord(rows.getString(1), rows.getInt(2), rows.getLong(3), rows.getString(4)));
          }
          return artifacts;
        },
        sweepId, trialId, sweepId, trialId);
  }

  @Override
  public synchronized Map<String, ArtifactRecord> latestArtifacts(String sweepId, String kind) {
    return query(
        "SELECT trial_id, kind, epoch, step, path FROM artifacts WHERE sweep_id = ? AND kind = ? ORDER BY trial_id, step, epoch",
        rows -> {
          Map<String, ArtifactRecord> latest = new LinkedHashMap<>();
          while (rows.next()) {
            // ordered by step, so the last row of each trial is its latest
            latest.put(rows.getString(1), new ArtifactRecord(rows.getString(2), rows.getInt(3), rows.getLong(4), rows.getString(5)));
          }
          return latest;
        },
        sweepId, kind);
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store " + file, e);
    }
  }

  private static List<SweepRecord> sweepRows(ResultSet rows) throws SQLException {
    List<SweepRecord> sweeps = new ArrayList<>();
    while (rows.next()) {
      sweeps.add(
          new SweepRecord(
              rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
              rows.getString(6), SweepStatus.valueOf(rows.getString(7)), rows.getString(8), rows.getString(9),
              rows.getString(10), instant(rows, 11).orElseThrow(), instant(rows, 12),
              rows.getObject(13) == null ? OptionalInt.empty() : OptionalInt.of(rows.getInt(13)),
              rows.getString(14) == null
                  ? Objectives.single(rows.getString(5), Objectives.Target.maximizes(rows.getString(6)))
                  : Objectives.fromJsonMap(fromJson(rows.getString(14)))));
    }
    return sweeps;
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  @Override
  public synchronized void addQuizPair(QuizPair pair) {
    inTransaction(
        "keep quiz pair " + pair.id(),
        () ->
            update(
                "INSERT INTO quiz_pairs (id, sweep_id, trial_id, real_on_left, real_png, generated_png, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                pair.id(), pair.sweepId(), pair.trialId(), pair.realOnLeft(), pair.realPng(), pair.generatedPng(), timestamp(pair.createdAt())));
  }

  @Override
  public synchronized Optional<QuizPair> quizPair(String id) {
    return query(
        "SELECT id, sweep_id, trial_id, real_on_left, real_png, generated_png, created_at, fooled FROM quiz_pairs WHERE id = ?",
        rows -> {
          if (!rows.next()) {
            return Optional.empty();
          }
          boolean fooled = rows.getBoolean(8);
          return Optional.of(
              new QuizPair(
                  rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4), rows.getBytes(5), rows.getBytes(6),
                  rows.getTimestamp(7).toInstant(), rows.wasNull() ? Optional.empty() : Optional.of(fooled)));
        },
        id);
  }

  @Override
  public synchronized boolean answerQuizPair(String id, boolean fooled, Instant at) {
    int[] changed = new int[1];
    inTransaction(
        "answer quiz pair " + id,
        () -> changed[0] = update("UPDATE quiz_pairs SET fooled = ?, answered_at = ? WHERE id = ? AND answered_at IS NULL", fooled, timestamp(at), id));
    return changed[0] == 1;
  }

  @Override
  public synchronized QuizTally quizTally(String sweepId, String trialId) {
    return query(
        "SELECT COUNT(*), COUNT(CASE WHEN fooled THEN 1 END) FROM quiz_pairs WHERE sweep_id = ? AND trial_id = ? AND answered_at IS NOT NULL",
        rows -> {
          rows.next();
          return new QuizTally(rows.getLong(1), rows.getLong(2));
        },
        sweepId, trialId);
  }

  private void inTransaction(String what, SqlWork work) {
    try {
      if (openTransactions > 0) {
        work.run();
        return;
      }
      connection.setAutoCommit(false);
      openTransactions++;
      try {
        work.run();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        openTransactions--;
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  /** Runs {@code sql}; returns how many rows it changed. */
  private int update(String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeUpdate();
    }
  }

  private <T> T query(String sql, RowReader<T> reader, Object... values) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read from the store " + file, e);
    }
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant);
  }

  private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
    return Optional.ofNullable(rows.getTimestamp(column)).map(Timestamp::toInstant);
  }

  static String toJson(Map<String, Object> params) {
    try {
      return JSON.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parameters cannot be written as JSON: " + params, e);
    }
  }

  static Map<String, Object> fromJson(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored parameters are not JSON: " + json, e);
    }
  }
}
