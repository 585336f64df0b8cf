package io.gantry.orchestrator.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real MLflow server for tests: installed by {@code scripts/install-mlflow.sh} (once, cached
 * outside the repository), started on a free loopback port with a sqlite file and an artifacts
 * folder under {@code dir}, read back through its REST API the way any client would.
 */
public final class LocalMlflow implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path venv;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private MlflowServer server;

  private LocalMlflow(Path venv, Path dir, int port) {
    this.venv = venv;
    this.dir = dir;
    this.port = port;
  }

  /** The server of {@link MlflowServer#VERSION}, the one {@code gantry mlflow-server} runs. */
  public static LocalMlflow start(Path dir) throws Exception {
    return start(dir, MlflowServer.VERSION);
  }

  public static LocalMlflow start(Path dir, String version) throws Exception {
    LocalMlflow mlflow = new LocalMlflow(installedVenv(version), dir, freePort());
    mlflow.startServer();
    return mlflow;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  Path venv() {
    return venv;
  }

  /** Stops the server; its files stay, so {@link #startServer()} brings the same one back. */
  void stop() {
    server.close();
  }

  void startServer() throws InterruptedException {
    server = MlflowServer.start(venv, "127.0.0.1", port, dir, ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    if (!server.awaitHealthy(Duration.ofSeconds(90))) {
      throw new IllegalStateException("MLflow did not answer /health on " + url() + "; see " + dir.resolve("server.log"));
    }
  }

  @Override
  public void close() {
    server.close();
  }

  public JsonNode get(String path, String... query) {
    StringBuilder uri = new StringBuilder(url()).append("/api/2.0/mlflow/").append(path);
    for (int i = 0; i < query.length; i += 2) {
      uri.append(i == 0 ? '?' : '&').append(query[i]).append('=').append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
    }
    return send(HttpRequest.newBuilder(URI.create(uri.toString())).GET());
  }

  public JsonNode post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(url() + "/api/2.0/mlflow/" + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of the experiment named {@code name}, if there is one. */
  public Optional<String> experimentId(String name) {
    JsonNode found = post("experiments/search", Map.of("filter", "name = '" + name + "'", "max_results", 10));
    return found.path("experiments").isEmpty()
        ? Optional.empty()
        : Optional.of(found.path("experiments").get(0).path("experiment_id").asText());
  }

  /** Every run of the experiment, over all pages. */
  public List<JsonNode> runs(String experimentId) {
    List<JsonNode> runs = new ArrayList<>();
    String token = "";
    do {
      JsonNode page =
          post("runs/search", java.util.Map.of("experiment_ids", List.of(experimentId), "max_results", 1000, "page_token", token));
      page.path("runs").forEach(runs::add);
      token = page.path("next_page_token").asText("");
    } while (!token.isEmpty());
    return runs;
  }

  /** The versions of the registered model {@code name}, oldest first. */
  List<JsonNode> modelVersions(String name) {
    List<JsonNode> versions = new ArrayList<>();
    get("model-versions/search", "filter", "name = '" + name + "'").path("model_versions").forEach(versions::add);
    versions.sort(java.util.Comparator.comparingInt(v -> v.path("version").asInt()));
    return versions;
  }

  /** The files under {@code path} of the run's artifacts, recursively, as paths from the root. */
  List<String> artifacts(String runId, String path) {
    List<String> files = new ArrayList<>();
    for (JsonNode file : get("artifacts/list", "run_id", runId, "path", path).path("files")) {
      if (file.path("is_dir").asBoolean()) {
        files.addAll(artifacts(runId, file.path("path").asText()));
      } else {
        files.add(file.path("path").asText());
      }
    }
    return files;
  }

  /**
   * Sends a read (every request here is one, searches included), once more if the connection
   * breaks: a server that was restarted, or that closes idle connections, leaves the client a
   * pooled connection that fails on its next use.
   */
  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> response;
      try {
        response = http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (IOException stale) {
        response = http.send(built, HttpResponse.BodyHandlers.ofString());
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The venv the project's script installs (a no-op when it is there). */
  private static Path installedVenv(String version) throws IOException, InterruptedException {
    Process script =
        new ProcessBuilder("bash", installScript().toString(), version)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (script.waitFor() != 0) {
      throw new IllegalStateException("scripts/install-mlflow.sh failed: " + out);
    }
    return Path.of(out.lines().reduce((first, last) -> last).orElseThrow());
  }

  /** The script in the repository this runs in: tests run in the module's folder, benchmarks at the root. */
  private static Path installScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts").resolve("install-mlflow.sh");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("no scripts/install-mlflow.sh above " + Path.of("").toAbsolutePath());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
