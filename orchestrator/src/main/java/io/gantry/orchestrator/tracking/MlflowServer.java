package io.gantry.orchestrator.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local MLflow tracking server, run from the virtualenv that {@code scripts/install-mlflow.sh}
 * makes: runs in a sqlite file, artifacts in a folder that the server itself serves ({@code
 * --serve-artifacts}), so clients upload over HTTP. Stopping it stops its gunicorn workers too.
 */
public final class MlflowServer implements AutoCloseable {

  /**
   * The MLflow release {@code gantry mlflow-server} runs, the default of {@code
   * scripts/install-mlflow.sh}. The Java client in the pom stays on 2.x: its REST calls are the
   * same on 3.x servers, and the tracking tests check both.
   */
  public static final String VERSION = "3.17.2";

  /** The older server line Gantry keeps working with (the install script's other pins). */
  public static final String PREVIOUS_VERSION = "2.17.2";

  private final Process process;
  private final URI uri;

  private MlflowServer(Process process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  /** {@code $GANTRY_MLFLOW_VENV}, else where the install script puts the venv. */
  public static Path defaultVenv() {
    String given = System.getenv("GANTRY_MLFLOW_VENV");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("gantry").resolve("mlflow-" + VERSION);
  }

  /**
   * Starts {@code mlflow server} on {@code host}:{@code port} keeping everything under {@code
   * dir} ({@code mlflow.db}, {@code artifacts/}), its output going to {@code output}.
   */
  public static MlflowServer start(Path venv, String host, int port, Path dir, ProcessBuilder.Redirect output) {
    Path mlflow = venv.resolve("bin").resolve("mlflow");
    if (!Files.isExecutable(mlflow)) {
      throw new IllegalStateException("no MLflow in " + venv + "; install it with scripts/install-mlflow.sh");
    }
    try {
      Files.createDirectories(dir.resolve("artifacts"));
      ProcessBuilder builder =
          new ProcessBuilder(
              List.of(
                  mlflow.toString(), "server",
                  "--host", host,
                  "--port", Integer.toString(port),
                  "--backend-store-uri", "sqlite:///" + dir.toAbsolutePath().resolve("mlflow.db"),
                  "--artifacts-destination", dir.toAbsolutePath().resolve("artifacts").toString(),
                  "--serve-artifacts",
                  "--workers", "2"));
      builder.redirectErrorStream(true).redirectOutput(output).directory(dir.toFile());
      return new MlflowServer(builder.start(), URI.create("http://" + host + ":" + port));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start mlflow server from " + venv, e);
    }
  }

  public URI uri() {
    return uri;
  }

  /** Waits until {@code /health} answers OK; false if the server died or {@code timeout} passed. */
  public boolean awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (process.isAlive() && Instant.now().isBefore(deadline)) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** Waits for the server to exit; its exit code. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Stops the server and its workers, and waits until they are gone. */
  @Override
  public void close() {
    List<ProcessHandle> all = process.descendants().toList();
    process.destroy();
    all.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : all) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      all.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
