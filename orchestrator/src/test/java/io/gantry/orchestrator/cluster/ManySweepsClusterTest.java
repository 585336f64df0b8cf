package io.gantry.orchestrator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.orchestrator.cli.CliRun;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.PreemptionRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.tracking.LocalMlflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One coordinator process and two worker nodes on loopback running several sweeps at once: three
 * sweeps share the workers fairly, a coordinator killed with the three running resumes them all,
 * and a high-priority sweep submitted later takes both workers at the trials' next checkpoints,
 * the preempted trials going on later from them with the numbers of unbroken runs, in H2 and in
 * MLflow alike; and a {@code gantry serve} killed with two sweeps running runs them on when it is
 * started again, beside the sweep of a {@code gantry run} of its data folder.
 */
class ManySweepsClusterTest {

  /** Four small GANs of a few seconds each, with a checkpoint every epoch. */
  private static final String SWEEP =
      """
      name: %s
      model: gan
      dataset: gaussian-2d
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 12}
      parameters:
        lr_g: {values: [%s]}
        lr_d: {value: 0.002}
        batch_size: {value: 100}
      seed: 3
      %s
      """;

  private static final List<String> SHARING = List.of("share-a", "share-b", "share-c");

  @TempDir Path dir;

  @Test
  void sweepsShareWorkersFairlySurviveARestartAndAHighOneTakesTheWorkersAtACheckpoint() throws Exception {
    try (LocalMlflow mlflow = LocalMlflow.start(dir.resolve("mlflow"))) {
      sweepsSharingTheCluster(new LoopbackCluster(dir, Optional.of(mlflow.url())), mlflow);
    }
  }

  @SuppressWarnings("try") // the worker nodes only need to run while the test does
  private void sweepsSharingTheCluster(LoopbackCluster cluster, LocalMlflow mlflow) throws Exception {
    Map<String, Integer> killedWhileRunning = new LinkedHashMap<>();
    String lrs = "0.001, 0.002, 0.003, 0.004";
    // the three sweeps are there before any worker: sent one after another to a cluster with
    // workers, the first would take every idle worker before the others exist
    GantryProcess first = cluster.coordinator();
    cluster.awaitHttp();
    Instant submitted = Instant.now();
    List<String> sweepIds = new ArrayList<>();
    for (String name : SHARING) {
      sweepIds.add(cluster.submit(sweepFile(name, lrs, "")));
    }
    try (GantryProcess nodeA = cluster.worker("node-a");
        GantryProcess nodeB = cluster.worker("node-b")) {
      try (first) {
        List<Instant> firstStarts = new ArrayList<>();
        for (String sweepId : sweepIds) {
          JsonNode trial = cluster.awaitTrial(sweepId, t -> !t.path("started_at").isNull() && !t.path("started_at").asText().isEmpty());
          firstStarts.add(Instant.parse(trial.path("started_at").asText()));
          System.out.printf(
              "sweep %s got its first trial %d ms after the sweeps were submitted (the workers then started)%n",
              sweepId, Duration.between(submitted, firstStarts.get(firstStarts.size() - 1)).toMillis());
        }
        // equal sweeps take no worker from one another: one that came while every worker was busy
        // gets the first worker that a trial frees, whichever sweep it belonged to
        Instant firstEnd = firstTrialEnd(cluster, sweepIds);
        for (int i = 0; i < sweepIds.size(); i++) {
          assertTrue(
              !firstStarts.get(i).isAfter(firstEnd.plusSeconds(3)),
              sweepIds.get(i) + " started " + firstStarts.get(i) + ", after the first trial ended at " + firstEnd);
        }
        Map<String, Long> started = awaitStarted(cluster, sweepIds, 6);
        Instant now = Instant.now();
        Map<String, Double> trialSeconds = new LinkedHashMap<>();
        double longestTrial = 0;
        for (String sweepId : sweepIds) {
          double seconds = 0;
          for (JsonNode trial : cluster.sweep(sweepId).path("trials")) {
            Optional<Instant> from = instant(trial.path("started_at"));
            if (from.isPresent()) {
              Optional<Instant> to = instant(trial.path("finished_at"));
              double length = Duration.between(from.get(), to.orElse(now)).toMillis() / 1000.0;
              seconds += length;
              longestTrial = to.isPresent() ? Math.max(longestTrial, length) : longestTrial;
            }
          }
          trialSeconds.put(sweepId, seconds);
        }
        double fair = trialSeconds.values().stream().mapToDouble(Double::doubleValue).sum() / sweepIds.size();
        System.out.printf(
            "after the first six starts (%s by sweep): trial-seconds by sweep %s, fair share %.1f s, a trial %.1f s%n",
            started, trialSeconds, fair, longestTrial);
        for (Map.Entry<String, Double> share : trialSeconds.entrySet()) {
          assertTrue(
              Math.abs(share.getValue() - fair) <= longestTrial,
              share.getKey() + " is more than one trial off its fair share: " + trialSeconds + ", fair " + fair + ", a trial " + longestTrial);
        }
        killedWhileRunning.putAll(runningAttempts(cluster, sweepIds));
        first.killMachine();
      }
      try (GantryProcess second = cluster.coordinator()) {
        // until the new coordinator requeues them, the store still says the killed one runs them
        cluster.await(
            "the three sweeps to run again on both workers",
            () -> {
              Map<String, Integer> now = runningAttempts(cluster, sweepIds);
              boolean stale = now.entrySet().stream().anyMatch(e -> e.getValue().equals(killedWhileRunning.get(e.getKey())));
              return !stale && now.size() == 2;
            });
        Instant highSubmitted = Instant.now();
        String high = cluster.submit(sweepFile("urgent", "0.001, 0.002", "priority: high"));
        cluster.awaitSweep(high, s -> running(s) == 2);
        Duration took = Duration.between(highSubmitted, Instant.now());
        System.out.printf("the high-priority sweep ran on both workers %d ms after it was submitted%n", took.toMillis());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "it waited " + took + " for the workers");
        // a preempted trial's coordinator records its requeue beside the high sweep's start
        cluster.await(
            "the other sweeps to run nothing while the high sweep runs on every worker",
            () -> {
              long others = 0;
              for (String sweepId : sweepIds) {
                others += running(cluster.sweepOrEmpty(sweepId));
              }
              return others == 0 && running(cluster.sweep(high)) == 2;
            });
        sweepIds.add(high);
        for (String sweepId : sweepIds) {
          cluster.awaitSweepEnd(sweepId);
        }
        second.close();
      }
      try (H2RunStore store = H2RunStore.open(cluster.data)) {
        List<PreemptionRecord> preemptions = new ArrayList<>();
        Map<PreemptionRecord, String> sweepOf = new LinkedHashMap<>();
        for (String sweepId : sweepIds) {
          assertEquals(SweepStatus.FINISHED, store.sweep(sweepId).orElseThrow().status());
          List<TrialRecord> trials = store.trials(sweepId);
          assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED), "0 trials lost: " + trials);
          store.preemptions(sweepId).forEach(p -> sweepOf.put(p, sweepId));
          preemptions.addAll(store.preemptions(sweepId));
        }
        System.out.printf("preemptions: %s%n", preemptions);
        // one trial on each worker, unless one ended on its own at the moment the high sweep came
        assertTrue(preemptions.size() == 1 || preemptions.size() == 2, preemptions.toString());
        assertTrue(preemptions.stream().allMatch(p -> p.reason().contains(sweepIds.get(3))), preemptions.toString());
        // the three sweeps have the same trials: each history, broken by a restart or a preemption or
        // not, has every step once with the values of the others
        Map<String, Map<String, List<String>>> reference = LoopbackCluster.histories(store, sweepIds.get(0));
        assertFalse(reference.get("t001").isEmpty());
        for (String sweepId : sweepIds.subList(1, 3)) {
          assertEquals(reference, LoopbackCluster.histories(store, sweepId), sweepId + " against " + sweepIds.get(0));
        }
        // so has each preempted trial's MLflow run, tagged with its preemption
        for (PreemptionRecord preemption : preemptions) {
          String sweepId = sweepOf.get(preemption);
          String name = store.sweep(sweepId).orElseThrow().name();
          JsonNode run =
              LoopbackCluster.awaitRunInMlflow(
                  mlflow, name, preemption.trialId(), LoopbackCluster.histories(store, sweepId).get(preemption.trialId()), 5);
          assertEquals(Optional.of(preemption.reason()), LoopbackCluster.tag(run, "gantry.preempted"), name + "/" + preemption.trialId());
          assertEquals(
              Optional.of(Long.toString(preemption.step())), LoopbackCluster.tag(run, "gantry.preempted_at_step"),
              name + "/" + preemption.trialId());
          assertEquals("FINISHED", run.at("/info/status").asText());
        }
      }
    }
  }

  @Test
  void sweepsAServeLeftRunningWhenKilledRunOnWhenItIsStartedAgainBesideAGantryRunOfTheFolder() throws Exception {
    LoopbackCluster serving = new LoopbackCluster(dir, Optional.empty());
    List<String> sweepIds = new ArrayList<>();
    try (GantryProcess first = serving.serve(2)) {
      serving.awaitHttp();
      for (String name : List.of("served-a", "served-b")) {
        sweepIds.add(serving.submit(sweepFile(name, "0.001, 0.002", "")));
      }
      for (String sweepId : sweepIds) {
        JsonNode running = serving.awaitTrial(sweepId, t -> "running".equals(t.path("status").asText()));
        serving.awaitCheckpoint(sweepId, running.path("id").asText());
      }
      first.killMachine();
    }
    CliRun run;
    try (GantryProcess second = serving.serve(2)) {
      serving.awaitHttp();
      // a run of the served folder runs its sweep on the serve's workers, beside the resumed ones
      run = CliRun.gantry("run", sweepFile("run-c", "0.001, 0.002", "").toString(), "--data-dir", serving.data.toString());
      for (String sweepId : sweepIds) {
        serving.awaitSweepEnd(sweepId);
      }
      second.close();
    }
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("on the workers of the gantry serve at http://127.0.0.1:" + serving.httpPort + "/"), run.out());
    assertTrue(run.out().contains("details: gantry show"), "the leaderboard and where the results are:\n" + run.out());
    try (H2RunStore store = H2RunStore.open(serving.data)) {
      for (String sweepId : sweepIds) {
        List<TrialRecord> trials = store.trials(sweepId);
        assertEquals(2, trials.size());
        assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED), "0 trials lost: " + trials);
        assertTrue(trials.stream().anyMatch(t -> t.message().orElse("").startsWith("resumed from its checkpoint")), trials.toString());
      }
      assertEquals(LoopbackCluster.histories(store, sweepIds.get(0)), LoopbackCluster.histories(store, sweepIds.get(1)));
      String ranSweep = store.sweeps().stream().filter(s -> s.name().equals("run-c")).findFirst().orElseThrow().id();
      assertEquals(SweepStatus.FINISHED, store.sweep(ranSweep).orElseThrow().status());
      assertEquals(LoopbackCluster.histories(store, sweepIds.get(0)), LoopbackCluster.histories(store, ranSweep));
      Instant ranFirst = store.trials(ranSweep).stream().map(t -> t.startedAt().orElseThrow()).min(Instant::compareTo).orElseThrow();
      Instant resumedEnd =
          sweepIds.stream()
              .flatMap(id -> store.trials(id).stream())
              .map(t -> t.finishedAt().orElseThrow())
              .max(Instant::compareTo)
              .orElseThrow();
      assertTrue(ranFirst.isBefore(resumedEnd), "the run's sweep started at " + ranFirst + ", after the others ended at " + resumedEnd);
    }
  }

  private Path sweepFile(String name, String lrs, String extra) throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, SWEEP.formatted(name, lrs, extra));
    return file;
  }

  /** When the first trial of any of the sweeps ended. */
  /**
   * The earliest end of a trial of the sweeps, waiting until one shows: the worker a trial frees can
   * start another sweep's trial before the sweep it left has recorded the end.
   */
  private static Instant firstTrialEnd(LoopbackCluster cluster, List<String> sweepIds) throws Exception {
    Instant[] first = {Instant.MAX};
    cluster.await(
        "a trial of " + sweepIds + " to end",
        () -> {
          for (String sweepId : sweepIds) {
            for (JsonNode trial : cluster.sweep(sweepId).path("trials")) {
              Optional<Instant> ended = instant(trial.path("finished_at"));
              if (ended.isPresent() && ended.get().isBefore(first[0])) {
                first[0] = ended.get();
              }
            }
          }
          return first[0].isBefore(Instant.MAX);
        });
    return first[0];
  }

  private static Optional<Instant> instant(JsonNode field) {
    String text = field.asText("");
    return text.isEmpty() || "null".equals(text) ? Optional.empty() : Optional.of(Instant.parse(text));
  }

  /** The running trials of the sweeps, as {@code sweep/trial}, with the attempt each is on. */
  private static Map<String, Integer> runningAttempts(LoopbackCluster cluster, List<String> sweepIds) throws Exception {
    Map<String, Integer> attempts = new LinkedHashMap<>();
    for (String sweepId : sweepIds) {
      for (JsonNode trial : cluster.sweepOrEmpty(sweepId).path("trials")) {
        if ("running".equals(trial.path("status").asText())) {
          attempts.put(sweepId + "/" + trial.path("id").asText(), trial.path("attempt").asInt());
        }
      }
    }
    return attempts;
  }

  private static long running(JsonNode sweep) {
    long count = 0;
    for (JsonNode trial : sweep.path("trials")) {
      count += "running".equals(trial.path("status").asText()) ? 1 : 0;
    }
    return count;
  }

  /** Waits until the sweeps have started {@code total} trials between them; how many each started. */
  private static Map<String, Long> awaitStarted(LoopbackCluster cluster, List<String> sweepIds, int total) throws Exception {
    AtomicReference<Map<String, Long>> counts = new AtomicReference<>();
    cluster.await(
        total + " trials started",
        () -> {
          Map<String, Long> now = new LinkedHashMap<>();
          for (String sweepId : sweepIds) {
            long n = 0;
            for (JsonNode trial : cluster.sweepOrEmpty(sweepId).path("trials")) {
              n += trial.path("started_at").isNull() || trial.path("started_at").asText().isEmpty() ? 0 : 1;
            }
            now.put(sweepId, n);
          }
          counts.set(now);
          return now.values().stream().mapToLong(Long::longValue).sum() >= total;
        });
    return counts.get();
  }
}
