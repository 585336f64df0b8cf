package io.gantry.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.protocol.WorkerInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code gantry serve} of a data folder, as it announces itself in {@code serve.json} there:
 * where its API is and the token it asks for. A {@code gantry run} of the same folder finds it
 * and runs its sweep there, on the serve's workers beside its other sweeps, instead of starting
 * a sweep service of its own.
 */
record RunningServe(String url, Optional<String> token) {

  static final String FILE = "serve.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A serve's {@code serve.json}, removed when the serve stops (closed, or on the JVM's way out). */
  interface Announcement extends AutoCloseable {
    @Override
    void close();
  }

  /** Writes {@code serve.json} into {@code data}, readable by its owner alone: it may hold the token. */
  static Announcement announce(Path data, String url, Optional<String> token) throws IOException {
    ObjectNode json = JSON.createObjectNode().put("url", url).put("pid", ProcessHandle.current().pid());
    token.ifPresent(t -> json.put("token", t));
    Path file = data.resolve(FILE);
    Path written = Files.createTempFile(data, "serve", ".json");
    try {
      Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // a file system without POSIX permissions keeps its own rules
    }
    Files.writeString(written, JSON.writeValueAsString(json));
    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Runnable remove =
        () -> {
          try {
            Files.deleteIfExists(file);
          } catch (IOException e) {
            // a file left behind is harmless: a serve that does not answer is not used
          }
        };
    // Ctrl-C ends the JVM once its shutdown hooks have run, whatever the main thread was doing
    Thread onExit = new Thread(remove, "gantry-serve-announcement");
    Runtime.getRuntime().addShutdownHook(onExit);
    return () -> {
      remove.run();
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException e) {
        // the JVM is on its way out and runs the hook anyway
      }
    };
  }

  /** The serve that announced itself in {@code data}, if there is one and it answers. */
  static Optional<RunningServe> find(Path data) {
    Path file = data.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    RunningServe serve;
    try {
      JsonNode json = JSON.readTree(file.toFile());
      serve = new RunningServe(json.path("url").asText(), Optional.ofNullable(json.get("token")).map(JsonNode::asText));
    } catch (IOException e) {
      return Optional.empty();
    }
    // one killed with -9 leaves its file behind
    return serve.answers() ? Optional.of(serve) : Optional.empty();
  }

  /** Whether the serve's API answers now. */
  boolean answers() {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url).resolve("/api/info")).timeout(Duration.ofSeconds(5)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether the serve has a worker that {@code resources} accept, or has none yet to tell: its
   * workers may still be starting.
   */
  boolean mayRun(Resources resources) {
    JsonNode workers;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url).resolve("/api/cluster")).timeout(Duration.ofSeconds(10)).GET();
      token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      workers = JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body()).path("workers");
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    if (workers.isEmpty()) {
      return true;
    }
    for (JsonNode w : workers) {
      WorkerInfo info =
          new WorkerInfo(w.path("id").asText(), w.path("host").asText(), w.path("device").asText(), w.path("threads").asInt(), 0, 0);
      if (resources.accepts(info)) {
        return true;
      }
    }
    return false;
  }

  /** POSTs to {@code path} of the serve's API; returns the status code and the body. */
  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url).resolve(path)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
