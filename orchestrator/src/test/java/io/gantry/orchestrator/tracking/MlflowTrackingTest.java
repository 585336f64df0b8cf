package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.cli.CliRun;
import io.gantry.orchestrator.cli.PopulationTrainingTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.view.SweepSummary;
import io.gantry.orchestrator.view.TrialSummary;
import io.gantry.protocol.catalog.Hyperparams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps tracked into a real MLflow server, read back through its REST API and once through
 * MLflow's own Python client: runs and their nesting, params, tags, every metric value, statuses,
 * artifacts, pictures in MLflow's image layout, the links both ways and the best trial in the
 * model registry; an outage of the server in the middle of a sweep that loses nothing; and what a
 * run could not deliver, delivered later by {@code gantry mlflow-sync}. Against the release {@code
 * gantry mlflow-server} runs; {@link MlflowTrackingOn2xTest} runs the same against MLflow 2.
 */
class MlflowTrackingTest extends AgainstLocalMlflow {

  private static final String SWEEP =
      """
      name: NAME
      model: gan
      dataset: {name: gaussian-2d, train_limit: LIMIT}
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 2}
      report_every: 5
      parameters:
        g_hidden: {value: 0}
        latent_dim: {value: 2}
        batch_size: {value: 8}
        lr_d: {values: [0.05, 0.02, 0.01]}
      seed: 3
      """;

  @TempDir Path dir;

  @Test
  void aSweepIsAParentRunWithOneChildRunPerTrialHoldingEverythingTheStoreHas() throws Exception {
    Path data = dir.resolve("data");
    CliRun run = CliRun.gantry("run", sweepFile("mlflow-e2e", 200).toString(), "--data-dir", data.toString(), "--workers", "2", "--mlflow", mlflow.url());
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("mlflow: everything delivered; the sweep's run: " + mlflow.url()), run.toString());
    String pages = webUi(run);

    try (H2RunStore store = H2RunStore.open(data)) {
      SweepRecord sweep = store.sweep("mlflow-e2e").orElseThrow();
      Runs runs = runsOf(sweep);
      JsonNode parent = runs.parent();
      assertEquals("FINISHED", parent.at("/info/status").asText());
      Map<String, String> parentTags = pairs(parent.at("/data/tags"));
      assertEquals("grid", parentTags.get("method"));
      assertEquals("gan", parentTags.get("model"));
      assertEquals("fifo", parentTags.get("scheduler"));
      Map<String, String> parentParams = pairs(parent.at("/data/params"));
      assertEquals("2", parentParams.get("budget.epochs"));
      assertEquals("[0.05, 0.02, 0.01]", parentParams.get("parameters.lr_d.values"));
      assertEquals(List.of("sweep.yaml"), mlflow.artifacts(runId(parent), ""));
      assertEquals(pages + "sweep.html?id=" + sweep.id(), parentTags.get("gantry.url"));

      for (TrialRecord trial : store.trials(sweep.id())) {
        JsonNode child = runs.children().get(trial.trialId());
        assertEquals("FINISHED", child.at("/info/status").asText(), trial.trialId());
        Map<String, String> tags = pairs(child.at("/data/tags"));
        assertEquals(runId(parent), tags.get("mlflow.parentRunId"));
        assertEquals(trial.worker().orElseThrow(), tags.get("worker"));
        assertEquals(trial.device().orElseThrow(), tags.get("device"));
        assertEquals(pages + "sweep.html?id=" + sweep.id() + "&trial=" + trial.trialId(), tags.get("gantry.url"));
        Map<String, String> expected = new HashMap<>();
        Hyperparams.resolve("gan", trial.params()).asMap().forEach((k, v) -> expected.put(k, String.valueOf(v)));
        expected.put("seed", Long.toString(trial.seed()));
        assertEquals(expected, pairs(child.at("/data/params")), trial.trialId());
        List<MetricPoint> history = store.metrics(sweep.id(), trial.trialId());
        assertTrue(history.stream().anyMatch(p -> p.name().equals("system/process_memory_rss_megabytes") && p.value() > 1), "the worker's memory of " + trial.trialId() + " in the store");
        assertTrue(history.stream().anyMatch(p -> p.name().equals("system/cpu_utilization_percentage") && p.value() >= 0), "the machine's CPU use of " + trial.trialId() + " in the store");
        // and the same in MLflow, system metrics among them
        assertSameHistories(history, runId(child));
        List<String> files = mlflow.artifacts(runId(child), "");
        assertTrue(files.containsAll(List.of("config.json", "model/config.json", "samples/epoch-001.png", "samples/epoch-002.png")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("model/checkpoint/") && f.endsWith(".params")), files.toString());
        // and in MLflow's image layout, one picture and one thumbnail per epoch, by step
        List<String> images = new ArrayList<>();
        for (ArtifactRecord samples : store.artifacts(sweep.id(), trial.trialId())) {
          if (samples.kind().equals("samples")) {
            String prefix = "images/samples+step+" + samples.step() + "+timestamp+";
            images.add(prefix);
            assertEquals(1, files.stream().filter(f -> f.startsWith(prefix) && f.endsWith("+compressed.png")).count(), prefix + " in " + files);
            assertEquals(1, files.stream().filter(f -> f.startsWith(prefix) && !f.endsWith("+compressed.png") && f.endsWith(".png")).count(), prefix + " in " + files);
          }
        }
        assertEquals(2, images.size(), "a picture per epoch");
        assertEquals("true", tags.get("mlflow.loggedImages"));
      }
      assertPythonClientSees(sweep, runs, store);

      String experimentId = mlflow.experimentId(sweep.name()).orElseThrow();
      JsonNode experiment = mlflow.get("experiments/get", "experiment_id", experimentId).path("experiment");
      assertEquals(MlflowSink.EXPERIMENT_KIND, pairs(experiment.path("tags")).get(MlflowSink.EXPERIMENT_KIND_TAG), experiment.toString());
      // the web UI links each sweep and trial to its run, from the record of the runs made
      try (MlflowLinks links = MlflowLinks.of(MlflowTracking.of(mlflow.url(), data, Duration.ZERO), data)) {
        String runs0 = mlflow.url() + "/#/experiments/" + experimentId + "/runs/";
        assertEquals(Optional.of(runs0 + runId(parent)), links.sweepUrl(sweep.id()));
        for (TrialRecord trial : store.trials(sweep.id())) {
          assertEquals(Optional.of(runs0 + runId(runs.children().get(trial.trialId()))), links.trialUrl(sweep.id(), trial.trialId()));
        }
        assertEquals(Optional.empty(), links.trialUrl(sweep.id(), "t999"));
      }
      assertBestTrialRegistered(store, sweep, runs, data);
      CliRun show = CliRun.gantry("show", sweep.id(), "--data-dir", data.toString(), "--mlflow", mlflow.url());
      assertTrue(show.out().contains("mlflow: " + mlflow.url() + "/#/experiments/" + experimentId + "/runs/" + runId(parent) + "\n"), show.out());
      assertTrue(show.out().contains("  t001 " + mlflow.url() + "/#/experiments/" + experimentId + "/runs/" + runId(runs.children().get("t001"))), show.out());
    }
  }

  @Test
  void aPopulationMemberKeepsItsFirstParamsAndIsTaggedWithItsParentAndTheSweepKeepsTheLineage() throws Exception {
    Path data = dir.resolve("pbt");
    Path file = dir.resolve("pbt.yaml");
    Files.writeString(file, PopulationTrainingTest.SWEEP);
    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "1", "--mlflow", mlflow.url());
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("mlflow: everything delivered"), "a member that starts again with new values is no conflict: " + run);

    try (H2RunStore store = H2RunStore.open(data)) {
      SweepRecord sweep = store.sweep("pbt-e2e").orElseThrow();
      LineageRecord first = store.lineage(sweep.id()).get(0);
      Runs runs = runsOf(sweep);
      JsonNode member = runs.children().get(first.trialId());
      Map<String, String> tags = pairs(member.at("/data/tags"));
      assertEquals(first.parentId(), tags.get("pbt.parent"));
      assertEquals(Long.toString(first.step()), tags.get("pbt.copied_at_step"));
      Map<String, String> params = pairs(member.at("/data/params"));
      assertEquals(String.valueOf(first.oldParams().get("lr_d")), params.get("lr_d"), "MLflow keeps the member's first values");
      assertEquals(Long.toString(first.oldSeed()), params.get("seed"));
      assertSameHistories(store.metrics(sweep.id(), first.trialId()), runId(member));
      assertTrue(store.metrics(sweep.id(), first.trialId()).stream().anyMatch(p -> p.name().equals("hp/lr_d") && p.step() == first.step()));
      assertEquals(List.of("pbt/lineage.json"), mlflow.artifacts(runId(runs.parent()), "pbt"));
    }
  }

  @Test
  void whatARunCouldNotDeliverGantryMlflowSyncDeliversLater() throws Exception {
    assumeTrue(mlflowVersion().equals(MlflowServer.VERSION), "delivery is the client's: checked against one server");
    Path data = dir.resolve("data");
    // one deliverer at a time: while another holds the outbox, the run's courier delivers nothing,
    // and neither does mlflow-sync
    try (DeliveryLock held = DeliveryLock.tryTake(data, mlflow.url()).orElseThrow()) {
      CliRun run =
          CliRun.gantry("run", sweepFile("mlflow-later", 200).toString(), "--data-dir", data.toString(), "--workers", "2", "--mlflow", mlflow.url(), "--mlflow-wait", "1");
      assertEquals(0, run.code(), run.toString());
      assertTrue(run.out().contains("entries not delivered to " + mlflow.url()) && run.out().contains(DeliveryLock.HELD_ELSEWHERE), run.toString());
      CliRun blocked = CliRun.gantry("mlflow-sync", "mlflow-later", "--data-dir", data.toString(), "--mlflow", mlflow.url());
      assertEquals(1, blocked.code(), blocked.toString());
      assertTrue(blocked.out().contains("0 entries delivered") && blocked.out().contains(DeliveryLock.HELD_ELSEWHERE), blocked.out());
    }
    assertTrue(mlflow.experimentId("mlflow-later").isEmpty(), "nothing delivered while the lock was held");

    CliRun sync = CliRun.gantry("mlflow-sync", "mlflow-later", "--data-dir", data.toString(), "--mlflow", mlflow.url());
    assertEquals(0, sync.code(), sync.toString());
    assertTrue(sync.out().matches("(?s)mlflow: [1-9][0-9]* entries delivered to " + java.util.regex.Pattern.quote(mlflow.url()) + "\\R"), sync.out());
    try (H2RunStore store = H2RunStore.open(data)) {
      SweepRecord sweep = store.sweep("mlflow-later").orElseThrow();
      Runs runs = runsOf(sweep);
      for (TrialRecord trial : store.trials(sweep.id())) {
        assertSameHistories(store.metrics(sweep.id(), trial.trialId()), runId(runs.children().get(trial.trialId())));
      }
      assertEquals(1, mlflow.modelVersions(sweep.name()).size(), "the finished sweep's best trial registered");
    }
    CliRun again = CliRun.gantry("mlflow-sync", "--data-dir", data.toString(), "--mlflow", mlflow.url());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().startsWith("mlflow: 0 entries delivered"), again.out());
    CliRun unknown = CliRun.gantry("mlflow-sync", "no-such-sweep", "--data-dir", data.toString(), "--mlflow", mlflow.url());
    assertEquals(2, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("no sweep 'no-such-sweep'"), unknown.err());
    if (System.getenv("MLFLOW_TRACKING_URI") == null) {
      CliRun nowhere = CliRun.gantry("mlflow-sync", "--data-dir", data.toString());
      assertEquals(2, nowhere.code(), nowhere.toString());
      assertTrue(nowhere.err().contains("mlflow-sync needs the MLflow server: --mlflow URL, or MLFLOW_TRACKING_URI"), nowhere.err());
    }
  }

  @Test
  void mlflowStoppedMidSweepAndBackThirtySecondsLaterGetsEveryMetricExactlyOnce() throws Exception {
    assumeTrue(mlflowVersion().equals(MlflowServer.VERSION), "delivery is the client's: checked against one server");
    Path data = dir.resolve("data");
    String file = sweepFile("mlflow-outage", 400).toString();
    CompletableFuture<CliRun> sweep =
        CompletableFuture.supplyAsync(() -> CliRun.gantry("run", file, "--data-dir", data.toString(), "--workers", "2", "--mlflow", mlflow.url()));
    // the sweep's run is there before any worker has joined: every trial reports while MLflow is down
    await(() -> mlflow.experimentId("mlflow-outage").map(id -> !mlflow.runs(id).isEmpty()).orElse(false), Duration.ofMinutes(2));
    mlflow.stop();
    Instant stopped = Instant.now();
    Thread.sleep(30_000);
    mlflow.startServer();
    Instant restarted = Instant.now();
    CliRun run = sweep.get(4, TimeUnit.MINUTES);
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("mlflow: everything delivered"), run.toString());

    try (H2RunStore store = H2RunStore.open(data)) {
      SweepRecord record = store.sweep("mlflow-outage").orElseThrow();
      assertTrue(record.finishedAt().orElseThrow().isAfter(stopped), "the sweep was still running when MLflow stopped");
      Runs runs = runsOf(record);
      int inStore = 0;
      int inMlflow = 0;
      int duringOutage = 0;
      for (TrialRecord trial : store.trials(record.id())) {
        List<MetricPoint> points = store.metrics(record.id(), trial.trialId());
        inStore += points.size();
        duringOutage +=
            (int) points.stream().filter(p -> p.timestampMillis() > stopped.toEpochMilli() && p.timestampMillis() < restarted.toEpochMilli()).count();
        inMlflow += assertSameHistories(points, runId(runs.children().get(trial.trialId())));
      }
      assertTrue(duringOutage > 0, "metrics were reported while MLflow was down");
      System.out.printf(
          "outage: %d metric values in H2 (%d of them reported while MLflow was down), %d in MLflow, 1 + %d runs%n",
          inStore, duringOutage, inMlflow, runs.children().size());
    }
  }

  /**
   * The finished sweep's best trial is version 1 of the model named after the sweep, made of its
   * run's {@code model/} folder, with the metric as a tag; {@code gantry register} adds another
   * trial as version 2, once however often it is asked.
   */
  private void assertBestTrialRegistered(H2RunStore store, SweepRecord sweep, Runs runs, Path data) {
    TrialSummary best = SweepSummary.read(store, sweep).best().orElseThrow();
    List<JsonNode> versions = mlflow.modelVersions(sweep.name());
    assertEquals(1, versions.size(), versions.toString());
    JsonNode first = versions.get(0);
    String bestRun = runId(runs.children().get(best.record().trialId()));
    assertEquals(bestRun, first.path("run_id").asText());
    assertEquals("runs:/" + bestRun + "/model", first.path("source").asText());
    Map<String, String> tags = pairs(first.path("tags"));
    assertEquals(best.record().trialId(), tags.get("gantry.trial_id"));
    assertEquals(best.objective().getAsDouble(), Double.parseDouble(tags.get("val/mean_error")));

    String other = store.trials(sweep.id()).stream().map(TrialRecord::trialId).filter(id -> !id.equals(best.record().trialId())).findFirst().orElseThrow();
    for (int i = 0; i < 2; i++) {
      CliRun register = CliRun.gantry("register", sweep.id(), other, "--data-dir", data.toString(), "--mlflow", mlflow.url());
      assertEquals(0, register.code(), register.toString());
      assertTrue(register.out().contains("is version 2 of model " + sweep.name() + ": " + mlflow.url() + "/#/models/" + sweep.name() + "/versions/2"), register.out());
    }
    assertEquals(2, mlflow.modelVersions(sweep.name()).size());
    CliRun unknown = CliRun.gantry("register", sweep.id(), "t999", "--data-dir", data.toString(), "--mlflow", mlflow.url());
    assertEquals(2, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("no trial 't999' in sweep " + sweep.id()), unknown.err());
  }

  /** The web UI's address, as {@code gantry run} printed it. */
  private static String webUi(CliRun run) {
    return run.out().lines().filter(l -> l.startsWith("web UI: ")).findFirst().orElseThrow(() -> new AssertionError(run.toString()))
        .substring("web UI: ".length()).split(" ")[0];
  }

  private record Runs(JsonNode parent, Map<String, JsonNode> children) {}

  /** The experiment holds the sweep's run and one run per trial, and nothing else. */
  private Runs runsOf(SweepRecord sweep) throws Exception {
    List<JsonNode> all = mlflow.runs(mlflow.experimentId(sweep.name()).orElseThrow());
    JsonNode parent = null;
    Map<String, JsonNode> children = new HashMap<>();
    for (JsonNode run : all) {
      String name = run.at("/info/run_name").asText();
      if (name.equals(sweep.id())) {
        parent = run;
      } else {
        children.put(name, run);
      }
    }
    assertTrue(parent != null, "no run named " + sweep.id());
    assertEquals(children.size() + 1, all.size(), "one sweep run and one run per trial, no duplicates");
    return new Runs(parent, children);
  }

  /** Each metric's history in MLflow is the store's: the same steps, values and times, once each. */
  private int assertSameHistories(List<MetricPoint> stored, String runId) {
    Map<String, List<List<Object>>> expected = new HashMap<>();
    for (MetricPoint p : stored) {
      expected.computeIfAbsent(MlflowKeys.key(p.name()), k -> new ArrayList<>()).add(List.of(p.step(), p.value(), p.timestampMillis()));
    }
    int count = 0;
    for (var metric : expected.entrySet()) {
      List<List<Object>> actual = new ArrayList<>();
      for (JsonNode m : mlflow.get("metrics/get-history", "run_id", runId, "metric_key", metric.getKey()).path("metrics")) {
        actual.add(List.of(m.path("step").asLong(), m.path("value").asDouble(), m.path("timestamp").asLong()));
      }
      actual.sort(MlflowTrackingTest::byStepThenTime);
      metric.getValue().sort(MlflowTrackingTest::byStepThenTime);
      assertEquals(metric.getValue(), actual, metric.getKey() + " of run " + runId);
      count += actual.size();
    }
    return count;
  }

  /** The way a user's notebook reads it: {@code mlflow.search_runs} from MLflow's own client. */
  private void assertPythonClientSees(SweepRecord sweep, Runs runs, H2RunStore store) throws Exception {
    String script =
        "import json, sys, mlflow\n"
            + "mlflow.set_tracking_uri(sys.argv[1])\n"
            + "runs = mlflow.search_runs(experiment_names=[sys.argv[2]])\n"
            // json.dumps writes floats exactly, where pandas' to_json rounds them to 10 digits
            + "print(json.dumps(runs.to_dict(orient='records'), default=str))\n";
    Process python =
        new ProcessBuilder(mlflow.venv().resolve("bin/python").toString(), "-c", script, mlflow.url(), sweep.name()).start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, python.waitFor(), err);
    JsonNode rows = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(out);
    assertEquals(4, rows.size(), out);
    Set<String> children = new HashSet<>();
    for (JsonNode row : rows) {
      if (runId(runs.parent()).equals(row.path("tags.mlflow.parentRunId").asText())) {
        String trialId = row.path("tags.mlflow.runName").asText();
        children.add(trialId);
        assertEquals("FINISHED", row.path("status").asText());
        List<MetricPoint> errors =
            store.metrics(sweep.id(), trialId).stream().filter(p -> p.name().equals("val/mean_error")).toList();
        assertEquals(errors.get(errors.size() - 1).value(), row.path("metrics.val/mean_error").asDouble(), trialId);
        TrialRecord trial = store.trials(sweep.id()).stream().filter(t -> t.trialId().equals(trialId)).findFirst().orElseThrow();
        assertEquals(String.valueOf(trial.params().get("lr_d")), row.path("params.lr_d").asText());
      }
    }
    assertEquals(runs.children().keySet(), children);
  }

  private static int byStepThenTime(List<Object> a, List<Object> b) {
    int byStep = Long.compare((Long) a.get(0), (Long) b.get(0));
    return byStep != 0 ? byStep : Long.compare((Long) a.get(2), (Long) b.get(2));
  }

  private static Map<String, String> pairs(JsonNode list) {
    Map<String, String> pairs = new HashMap<>();
    list.forEach(kv -> pairs.put(kv.path("key").asText(), kv.path("value").asText()));
    return pairs;
  }

  private static String runId(JsonNode run) {
    return run.at("/info/run_id").asText();
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "waited " + timeout + " in vain");
      Thread.sleep(200);
    }
  }

  private Path sweepFile(String name, int trainLimit) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, SWEEP.replace("NAME", name).replace("LIMIT", Integer.toString(trainLimit)));
    return file;
  }
}
