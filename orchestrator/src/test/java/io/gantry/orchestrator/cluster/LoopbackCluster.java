package io.gantry.orchestrator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.cli.CliRun;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.tracking.LocalMlflow;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The processes of one Gantry cluster on loopback, each machine with a data folder of its own. */
final class LoopbackCluster {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path root;
  final Path data;
  final int clusterPort;
  final int httpPort;
  final Optional<String> mlflow;
  final HttpClient http = HttpClient.newHttpClient();

  LoopbackCluster(Path root, Optional<String> mlflow) throws IOException {
    this.root = root;
    this.mlflow = mlflow;
    this.data = root.resolve("coordinator");
    this.clusterPort = freePort();
    this.httpPort = freePort();
  }

  GantryProcess coordinator() throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "coordinator", "--host", "127.0.0.1", "--port", "" + clusterPort, "--http-port", "" + httpPort, "--data-dir",
                data.toString()));
    mlflow.ifPresent(url -> args.addAll(List.of("--mlflow", url)));
    return GantryProcess.start(root.resolve("coordinator.log"), args.toArray(String[]::new));
  }

  /** {@code gantry serve} of the coordinator's data folder, with {@code workers} worker processes of its own. */
  GantryProcess serve(int workers) throws IOException {
    return GantryProcess.start(
        root.resolve("serve.log"), "serve", "--http-port", "" + httpPort, "--data-dir", data.toString(), "--workers", "" + workers);
  }

  /** A worker node {@code name} serving {@code cpu:0}, with more of {@code gantry worker}'s options. */
  GantryProcess worker(String name, String... options) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "worker", "--join", "127.0.0.1:" + clusterPort, "--devices", "cpu:0", "--threads", "1", "--name", name,
                "--data-dir", root.resolve(name).toString()));
    args.addAll(List.of(options));
    return GantryProcess.start(root.resolve(name + ".log"), args.toArray(String[]::new));
  }

  /** Sends the sweep file with {@code gantry submit}; the new sweep's id. */
  String submit(Path sweepFile) {
    CliRun submit = CliRun.gantry("submit", sweepFile.toString(), "--to", "127.0.0.1:" + httpPort);
    assertEquals(0, submit.code(), submit.toString());
    return submit.out().replaceAll("(?s).* as sweep (\\S+) to .*", "$1");
  }

  /** When the coordinator's directory first listed {@code count} workers. */
  Instant awaitWorkers(int count) throws Exception {
    await("" + count + " workers", () -> get("/api/cluster").map(c -> c.path("workers").size() >= count).orElse(false));
    return Instant.now();
  }

  /** The ids of the workers the coordinator's directory lists. */
  List<String> workerIds() throws Exception {
    List<String> ids = new ArrayList<>();
    get("/api/cluster").orElseThrow().path("workers").forEach(w -> ids.add(w.path("id").asText()));
    return ids;
  }

  JsonNode trial(String sweepId, String trialId) throws Exception {
    for (JsonNode trial : get("/api/sweeps/" + sweepId).orElseThrow().path("trials")) {
      if (trial.path("id").asText().equals(trialId)) {
        return trial;
      }
    }
    throw new AssertionError("no trial " + trialId);
  }

  JsonNode awaitTrial(String sweepId, Predicate<JsonNode> wanted) throws Exception {
    return awaitTrialAmong(sweepId, trials -> StreamSupport.stream(trials.spliterator(), false).filter(wanted).findFirst());
  }

  /** Waits until {@code find} picks a trial from the sweep's list of trials, and gives it. */
  JsonNode awaitTrialAmong(String sweepId, Function<JsonNode, Optional<JsonNode>> find) throws Exception {
    JsonNode[] found = new JsonNode[1];
    await(
        "a trial of " + sweepId,
        () -> {
          found[0] = get("/api/sweeps/" + sweepId).map(s -> s.path("trials")).flatMap(find).orElse(null);
          return found[0] != null;
        });
    return found[0];
  }

  /** Waits until a checkpoint of the trial has reached the coordinator's data folder. */
  void awaitCheckpoint(String sweepId, String trialId) throws Exception {
    Path checkpoints = data.resolve("artifacts").resolve(sweepId).resolve(trialId).resolve("checkpoints");
    await(
        "a checkpoint of " + trialId,
        () -> {
          if (!Files.isDirectory(checkpoints)) {
            return false;
          }
          try (Stream<Path> folders = Files.list(checkpoints)) {
            return folders.anyMatch(f -> Files.isRegularFile(f.resolve("trial.properties")));
          }
        });
  }

  /** Waits until the HTTP API answers. */
  void awaitHttp() throws Exception {
    await("the HTTP API", () -> get("/api/sweeps").isPresent());
  }

  /** The sweep as {@code GET /api/sweeps/ID} shows it. */
  JsonNode sweep(String sweepId) throws Exception {
    return get("/api/sweeps/" + sweepId).orElseThrow(() -> new AssertionError("no sweep " + sweepId));
  }

  /** The sweep as {@code GET /api/sweeps/ID} shows it, or an empty object while the coordinator cannot say. */
  JsonNode sweepOrEmpty(String sweepId) throws Exception {
    return get("/api/sweeps/" + sweepId).orElse(JSON.createObjectNode());
  }

  void awaitSweep(String sweepId, Predicate<JsonNode> wanted) throws Exception {
    await("sweep " + sweepId, () -> get("/api/sweeps/" + sweepId).map(wanted::test).orElse(false));
  }

  void awaitSweepEnd(String sweepId) throws Exception {
    await(sweepId + " to finish", () -> get("/api/sweeps/" + sweepId).map(s -> "finished".equals(s.path("status").asText())).orElse(false));
  }

  private Optional<JsonNode> get(String path) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      // the coordinator is starting, or gone
      return Optional.empty();
    }
  }

  void await(String what, Check check) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!check.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + TIMEOUT + " for " + what + "; logs in " + root);
      }
      Thread.sleep(50);
    }
  }

  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * By trial id, by metric, the (step, value) history a sweep recorded of its trials' own metrics:
   * the {@code system/...} samples of the machine they ran on are measurements of that run only.
   */
  static Map<String, Map<String, List<String>>> histories(H2RunStore store, String sweepId) {
    Map<String, Map<String, List<String>>> byTrial = new LinkedHashMap<>();
    for (TrialRecord trial : store.trials(sweepId)) {
      Map<String, List<String>> byMetric = new LinkedHashMap<>();
      for (MetricPoint point : store.metrics(sweepId, trial.trialId())) {
        if (point.name().startsWith("system/")) {
          continue;
        }
        byMetric.computeIfAbsent(point.name(), name -> new ArrayList<>()).add(point.step() + "=" + point.value());
      }
      byTrial.put(trial.trialId(), byMetric);
    }
    return byTrial;
  }

  /**
   * Waits until experiment {@code experiment} of {@code mlflow} has {@code runs} runs and the run
   * of {@code trialId} has, metric by metric, exactly {@code expected}: every step once, with the
   * same values (these metric names need no mapping to be MLflow keys). Returns that run.
   */
  static JsonNode awaitRunInMlflow(
      LocalMlflow mlflow, String experiment, String trialId, Map<String, List<String>> expected, int runs)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    Map<String, List<String>> inMlflow = Map.of();
    List<JsonNode> found = List.of();
    while (Instant.now().isBefore(deadline)) {
      found = mlflow.experimentId(experiment).map(mlflow::runs).orElse(List.of());
      Optional<JsonNode> run = found.stream().filter(r -> r.at("/info/run_name").asText().equals(trialId)).findFirst();
      if (run.isPresent()) {
        inMlflow = new LinkedHashMap<>();
        for (String metric : expected.keySet()) {
          List<String> history = new ArrayList<>();
          String runId = run.get().at("/info/run_id").asText();
          for (JsonNode m : mlflow.get("metrics/get-history", "run_id", runId, "metric_key", metric).path("metrics")) {
            history.add(m.path("step").asLong() + "=" + m.path("value").asDouble());
          }
          history.sort(Comparator.comparingLong(entry -> Long.parseLong(entry.substring(0, entry.indexOf('=')))));
          inMlflow.put(metric, history);
        }
        if (inMlflow.equals(expected) && found.size() == runs) {
          return run.get();
        }
      }
      Thread.sleep(500);
    }
    assertEquals(runs, found.size(), "runs of experiment " + experiment);
    assertEquals(expected, inMlflow, "trial " + trialId + " in MLflow");
    throw new AssertionError("unreachable");
  }

  /** The value of the run's tag {@code key}, if it has one. */
  static Optional<String> tag(JsonNode run, String key) {
    for (JsonNode tag : run.at("/data/tags")) {
      if (tag.path("key").asText().equals(key)) {
        return Optional.of(tag.path("value").asText());
      }
    }
    return Optional.empty();
  }
}
