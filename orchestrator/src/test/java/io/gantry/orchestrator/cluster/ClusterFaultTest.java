package io.gantry.orchestrator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.cli.CliRun;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.tracking.LocalMlflow;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator process and worker processes of their own, on loopback, as on separate machines
 * that share no disk: a sweep spreads over the nodes, a node that joins mid-sweep gets work at
 * once, a node killed mid-trial loses nothing (its trial resumes from the checkpoint the
 * coordinator holds, on the other node, in the same MLflow run, and ends with the numbers of an
 * unbroken run), and a
 * coordinator killed mid-sweep and started again goes on where it was, on a node whose {@code
 * cpu:0} two worker processes serve, running two trials at once.
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
      unbroken = LoopbackCluster.histories(store, store.sweeps().get(0).id());
    }
  }

  @Test
  @SuppressWarnings("try") // the worker nodes only need to run while the test does
  void aSweepSpreadsOverNodesTakesInANewOneAtOnceAndLosesNothingWithANode() throws Exception {
    try (LocalMlflow mlflow = LocalMlflow.start(dir.resolve("mlflow"))) {
      sweepLosingANode(new LoopbackCluster(dir, Optional.of(mlflow.url())), mlflow);
    }
  }

  @SuppressWarnings("try")
  private void sweepLosingANode(LoopbackCluster cluster, LocalMlflow mlflow) throws Exception {
    try (GantryProcess coordinator = cluster.coordinator();
        GantryProcess nodeA = cluster.worker("node-a")) {
      cluster.awaitWorkers(1);
      String sweepId = cluster.submit(sweepFile());
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
          assertEquals(unbroken, LoopbackCluster.histories(store, sweepId));
          System.out.printf("node lost: trial %s %s; %d trials completed%n", lostTrial, resumed.message().orElseThrow(), trials.size());
        }
      }
    }
  }

  @Test
  @SuppressWarnings("try")
  void aCoordinatorKilledMidSweepAndStartedAgainGoesOnWhereItWasOnTwoProcessesOfOneDevice() throws Exception {
    LoopbackCluster cluster = new LoopbackCluster(dir, Optional.empty());
    try (GantryProcess node = cluster.worker("node-a", "--trials-per-device", "2")) {
      String sweepId;
      String interrupted;
      String finishedFirst;
      try (GantryProcess first = cluster.coordinator()) {
        cluster.awaitWorkers(2);
        assertEquals(Set.of("node-a/cpu-0", "node-a/cpu-0.2"), Set.copyOf(cluster.workerIds()));
        sweepId = cluster.submit(sweepFile());
        JsonNode done = cluster.awaitTrial(sweepId, t -> "completed".equals(t.path("status").asText()));
        finishedFirst = done.path("id").asText();
        // the trial the first freed worker took next: early in its run, far from its end. The two
        // first trials are alike and may end within one poll of each other, so "first" is the
        // earliest end the sweep shows, not the end this poll happened to see.
        interrupted = cluster.awaitTrialAmong(sweepId, ClusterFaultTest::startedAfterTheFirstEnd).path("id").asText();
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
          // both processes of cpu:0 took a trial as the sweep came: CPU slots are not shared by fractions
          assertTrue(
              trials.stream().anyMatch(t -> t != finishedBefore && overlap(t, finishedBefore)),
              "a trial ran beside " + finishedFirst + ": " + trials);
          TrialRecord resumed = trials.stream().filter(t -> t.trialId().equals(interrupted)).findFirst().orElseThrow();
          assertEquals(2, resumed.attempt());
          assertTrue(resumed.message().orElse("").startsWith("resumed from its checkpoint at step"), resumed.toString());
          assertEquals(unbroken, LoopbackCluster.histories(store, sweepId));
          System.out.printf("coordinator restarted: trial %s %s; %d trials completed%n", interrupted, resumed.message().orElseThrow(), trials.size());
        }
      }
    }
  }

  /** Whether the two trials ran at the same time, from their first start to their end. */
  private static boolean overlap(TrialRecord a, TrialRecord b) {
    return a.startedAt().orElseThrow().isBefore(b.finishedAt().orElseThrow())
        && b.startedAt().orElseThrow().isBefore(a.finishedAt().orElseThrow());
  }

  /** A running trial that started once a trial of the sweep had ended. */
  private static Optional<JsonNode> startedAfterTheFirstEnd(JsonNode trials) {
    Optional<Instant> firstEnd =
        StreamSupport.stream(trials.spliterator(), false)
            .filter(t -> "completed".equals(t.path("status").asText()))
            .map(t -> Instant.parse(t.path("finished_at").asText()))
            .min(Instant::compareTo);
    return firstEnd.flatMap(
        end ->
            StreamSupport.stream(trials.spliterator(), false)
                .filter(t -> "running".equals(t.path("status").asText()))
                .filter(t -> !Instant.parse(t.path("started_at").asText()).isBefore(end))
                .findFirst());
  }

  /**
   * The trial resumed on another node went on in its MLflow run: the experiment has one run per
   * trial and the sweep's, and the trial's run has every step of every metric once, with the
   * values of the unbroken run.
   */
  private static void awaitSameRunInMlflow(LocalMlflow mlflow, String trialId) throws Exception {
    LoopbackCluster.awaitRunInMlflow(mlflow, "three-gans", trialId, unbroken.get(trialId), 4);
  }

  private static Path sweepFile() {
    try {
      return Path.of(ClusterFaultTest.class.getResource("/cluster/three-gans.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

}
