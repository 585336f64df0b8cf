package io.gantry.orchestrator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.cli.CliRun;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.tracking.LocalMlflow;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator process and worker processes of their own, on loopback, as on separate machines
 * that share no disk: a sweep spreads over the nodes, a node that joins mid-sweep gets work at
 * once, a node killed mid-trial loses nothing (its trial resumes from the checkpoint the
 * coordinator holds, on the other node, in the same MLflow run, and ends with the numbers of an
 * unbroken run), and a
 * coordinator killed mid-sweep and started again goes on where it was.
 */
class ClusterFaultTest {

  private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** By trial id, by metric, the (step, value) history of the sweep run once on one machine, unbroken. */
  private static Map<String, Map<String, List<String>>> unbroken;

  @TempDir static Path shared;

  @TempDir Path dir;

  @BeforeAll
  static void runTheSweepUnbroken() throws IOException {
    Path data = shared.resolve("unbroken");
    CliRun run = CliRun.gantry("run", sweepFile().toString(), "--data-dir", data.toString(), "--workers", "2", "--http-port", "0");
    assertEquals(0, run.code(), run.toString());
    try (H2RunStore store = H2RunStore.open(data)) {
      unbroken = histories(store, store.sweeps().get(0).id());
    }
  }

  @Test
  @SuppressWarnings("try") // the worker nodes only need to run while the test does
  void aSweepSpreadsOverNodesTakesInANewOneAtOnceAndLosesNothingWithANode() throws Exception {
    try (LocalMlflow mlflow = LocalMlflow.start(dir.resolve("mlflow"))) {
      sweepLosingANode(new Cluster(dir, Optional.of(mlflow.url())), mlflow);
    }
  }

  @SuppressWarnings("try")
  private void sweepLosingANode(Cluster cluster, LocalMlflow mlflow) throws Exception {
    try (GantryProcess coordinator = cluster.coordinator();
        GantryProcess nodeA = cluster.worker("node-a")) {
      cluster.awaitWorkers(1);
      String sweepId = cluster.submit();
      JsonNode first = cluster.awaitTrial(sweepId, t -> "running".equals(t.path("status").asText()));
      assertEquals("node-a/cpu-0", first.path("worker").asText());

      try (GantryProcess nodeB = cluster.worker("node-b")) {
        Instant joined = cluster.awaitWorkers(2);
        JsonNode second = cluster.awaitTrial(sweepId, t -> t.path("worker").asText().startsWith("node-b/"));
        Duration toWork = Duration.between(joined, Instant.parse(second.path("started_at").asText()));
        System.out.printf("node-b got trial %s %d ms after it was seen joining%n", second.path("id").asText(), toWork.toMillis());
        assertTrue(toWork.compareTo(Duration.ofSeconds(1)) < 0, "node-b waited " + toWork + " for work");

        String lostTrial = first.path("id").asText();
        CliRun status = CliRun.gantry("status", "--to", "127.0.0.1:" + cluster.httpPort);
        assertEquals(0, status.code(), status.toString());
        for (String expected : List.of("node-a/cpu-0", "node-b/cpu-0", sweepId + "/" + lostTrial, sweepId + "/" + second.path("id").asText())) {
          assertTrue(status.out().contains(expected), expected + " in\n" + status.out());
        }
        cluster.awaitCheckpoint(sweepId, lostTrial);
        assertEquals("running", cluster.trial(sweepId, lostTrial).path("status").asText(), "killed mid-trial");
        nodeA.killMachine();

        cluster.awaitSweepEnd(sweepId);
        awaitSameRunInMlflow(mlflow, lostTrial);
        coordinator.close();
        try (H2RunStore store = H2RunStore.open(cluster.data)) {
          List<TrialRecord> trials = store.trials(sweepId);
          assertEquals(3, trials.size());
          assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED), "0 trials lost: " + trials);
          TrialRecord resumed = trials.stream().filter(t -> t.trialId().equals(lostTrial)).findFirst().orElseThrow();
          assertEquals(Optional.of("node-b/cpu-0"), resumed.worker(), "it ended on the other node");
          assertEquals(2, resumed.attempt());
          assertTrue(resumed.message().orElse("").startsWith("resumed from its checkpoint at step"), resumed.toString());
          assertEquals(SweepStatus.FINISHED, store.sweep(sweepId).orElseThrow().status());
          // every step once, none missing, every value that of the unbroken run: exact resume
          assertEquals(unbroken, histories(store, sweepId));
          System.out.printf("node lost: trial %s %s; %d trials completed%n", lostTrial, resumed.message().orElseThrow(), trials.size());
        }
      }
    }
  }

  @Test
  @SuppressWarnings("try")
  void aCoordinatorKilledMidSweepAndStartedAgainGoesOnWhereItWas() throws Exception {
    Cluster cluster = new Cluster(dir, Optional.empty());
    try (GantryProcess nodeA = cluster.worker("node-a");
        GantryProcess nodeB = cluster.worker("node-b")) {
      String sweepId;
      String interrupted;
      String finishedFirst;
      try (GantryProcess first = cluster.coordinator()) {
        cluster.awaitWorkers(2);
        sweepId = cluster.submit();
        JsonNode done = cluster.awaitTrial(sweepId, t -> "completed".equals(t.path("status").asText()));
        finishedFirst = done.path("id").asText();
        Instant firstEnded = Instant.parse(done.path("finished_at").asText());
        // the trial the freed worker took next: early in its run, far from its end
        JsonNode running =
            cluster.awaitTrial(
                sweepId,
                t -> "running".equals(t.path("status").asText()) && !Instant.parse(t.path("started_at").asText()).isBefore(firstEnded));
        interrupted = running.path("id").asText();
        cluster.awaitCheckpoint(sweepId, interrupted);
        first.killMachine();
      }
      try (GantryProcess second = cluster.coordinator()) {
        cluster.awaitSweepEnd(sweepId);
        second.close();
        try (H2RunStore store = H2RunStore.open(cluster.data)) {
          List<TrialRecord> trials = store.trials(sweepId);
          assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED), "0 trials lost: " + trials);
          TrialRecord finishedBefore = trials.stream().filter(t -> t.trialId().equals(finishedFirst)).findFirst().orElseThrow();
          assertEquals(1, finishedBefore.attempt(), "a finished trial is not run again");
          TrialRecord resumed = trials.stream().filter(t -> t.trialId().equals(interrupted)).findFirst().orElseThrow();
          assertEquals(2, resumed.attempt());
          assertTrue(resumed.message().orElse("").startsWith("resumed from its checkpoint at step"), resumed.toString());
          assertEquals(unbroken, histories(store, sweepId));
          System.out.printf("coordinator restarted: trial %s %s; %d trials completed%n", interrupted, resumed.message().orElseThrow(), trials.size());
        }
      }
    }
  }

  /**
   * The trial resumed on another node went on in its MLflow run: the experiment has one run per
   * trial and the sweep's, and the trial's run has every step of every metric once, with the
   * values of the unbroken run (these metric names need no mapping to be MLflow keys).
   */
  private static void awaitSameRunInMlflow(LocalMlflow mlflow, String trialId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    Map<String, List<String>> expected = unbroken.get(trialId);
    Map<String, List<String>> inMlflow = Map.of();
    List<JsonNode> runs = List.of();
    while (Instant.now().isBefore(deadline)) {
      runs = mlflow.experimentId("three-gans").map(mlflow::runs).orElse(List.of());
      Optional<JsonNode> run = runs.stream().filter(r -> r.at("/info/run_name").asText().equals(trialId)).findFirst();
      if (run.isPresent()) {
        inMlflow = new LinkedHashMap<>();
        for (String metric : expected.keySet()) {
          List<String> history = new ArrayList<>();
          for (JsonNode m : mlflow.get("metrics/get-history", "run_id", run.get().at("/info/run_id").asText(), "metric_key", metric).path("metrics")) {
            history.add(m.path("step").asLong() + "=" + m.path("value").asDouble());
          }
          history.sort(Comparator.comparingLong(entry -> Long.parseLong(entry.substring(0, entry.indexOf('=')))));
          inMlflow.put(metric, history);
        }
        if (inMlflow.equals(expected) && runs.size() == 4) {
          return;
        }
      }
      Thread.sleep(500);
    }
    assertEquals(4, runs.size(), "one run per trial and the sweep's");
    assertEquals(expected, inMlflow, "trial " + trialId + " in MLflow");
  }

  private static Path sweepFile() {
    try {
      return Path.of(ClusterFaultTest.class.getResource("/cluster/three-gans.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Map<String, List<String>>> histories(H2RunStore store, String sweepId) {
    Map<String, Map<String, List<String>>> byTrial = new LinkedHashMap<>();
    for (TrialRecord trial : store.trials(sweepId)) {
      Map<String, List<String>> byMetric = new LinkedHashMap<>();
      for (MetricPoint point : store.metrics(sweepId, trial.trialId())) {
        byMetric.computeIfAbsent(point.name(), name -> new ArrayList<>()).add(point.step() + "=" + point.value());
      }
      byTrial.put(trial.trialId(), byMetric);
    }
    return byTrial;
  }

  /** The processes of one cluster on loopback, each machine with a data folder of its own. */
  private static final class Cluster {
    final Path root;
    final Path data;
    final int clusterPort;
    final int httpPort;
    final Optional<String> mlflow;
    final HttpClient http = HttpClient.newHttpClient();

    Cluster(Path root, Optional<String> mlflow) throws IOException {
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

    GantryProcess worker(String name) throws IOException {
      return GantryProcess.start(
          root.resolve(name + ".log"), "worker", "--join", "127.0.0.1:" + clusterPort, "--devices", "cpu:0",
          "--threads", "1", "--name", name, "--data-dir", root.resolve(name).toString());
    }

    String submit() {
      CliRun submit = CliRun.gantry("submit", sweepFile().toString(), "--to", "127.0.0.1:" + httpPort);
      assertEquals(0, submit.code(), submit.toString());
      return submit.out().replaceAll("(?s).* as sweep (\\S+) to .*", "$1");
    }

    /** When the coordinator's directory first listed {@code count} workers. */
    Instant awaitWorkers(int count) throws Exception {
      await("" + count + " workers", () -> get("/api/cluster").map(c -> c.path("workers").size() >= count).orElse(false));
      return Instant.now();
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
      JsonNode[] found = new JsonNode[1];
      await(
          "a trial of " + sweepId,
          () -> {
            for (JsonNode trial : get("/api/sweeps/" + sweepId).map(s -> s.path("trials")).orElse(JSON.createArrayNode())) {
              if (wanted.test(trial)) {
                found[0] = trial;
                return true;
              }
            }
            return false;
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

    private void await(String what, Check check) throws Exception {
      Instant deadline = Instant.now().plus(SWEEP_TIMEOUT);
      while (!check.holds()) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("waited " + SWEEP_TIMEOUT + " for " + what + "; logs in " + root);
        }
        Thread.sleep(50);
      }
    }
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
