package io.gantry.orchestrator.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a store's schema up to date by running, in order, the migrations it has not seen yet.
 * Each migration is a classpath script {@code db/migration/V<n>__<what>.sql}, run in one
 * transaction together with the bump of {@code schema_version}.
 */
final class Migrations {

  private static final List<String> SCRIPTS = List.of(
      "V1__initial_schema.sql", "V2__tracking_outbox.sql", "V3__early_stopping.sql", "V4__latest_metrics.sql",
      "V5__max_trials_when_stored.sql", "V6__preemptions.sql", "V7__quiz_pairs.sql",
      "V8__objectives.sql", "V9__lineage.sql");

  private Migrations() {}

  static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
    }
    int current = currentVersion(connection);
    for (int version = current + 1; version <= SCRIPTS.size(); version++) {
      runScript(connection, SCRIPTS.get(version - 1), version);
    }
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void runScript(Connection connection, String script, int version) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : read(script).split(";\\s*\\n")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
      statement.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
      if (in == null) {
        throw new IllegalStateException("migration " + script + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + script, e);
    }
  }
}
