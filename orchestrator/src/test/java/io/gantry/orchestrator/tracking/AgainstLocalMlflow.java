package io.gantry.orchestrator.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests against a real MLflow server (see {@link LocalMlflow}): the release {@code gantry
 * mlflow-server} runs, unless a subclass names another {@link #mlflowVersion()} to run the same
 * tests against. One server of a version serves every such test class of the JVM, since a server
 * takes tens of seconds to start; each class tracks into experiments of its own, and a test that
 * stops the server starts it again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgainstLocalMlflow {

  private static final Map<String, LocalMlflow> SERVERS = new ConcurrentHashMap<>();

  LocalMlflow mlflow;

  String mlflowVersion() {
    return MlflowServer.VERSION;
  }

  @BeforeAll
  void startMlflow() {
    mlflow = SERVERS.computeIfAbsent(mlflowVersion(), AgainstLocalMlflow::started);
  }

  private static LocalMlflow started(String version) {
    try {
      Path dir = Files.createTempDirectory("gantry-mlflow-" + version + "-");
      LocalMlflow server = LocalMlflow.start(dir, version);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        deleteTree(dir);
      }));
      return server;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start MLflow " + version, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
