package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end: a real sweep on gaussian-2d with two real worker processes joining the
 * coordinator over Pekko Cluster on loopback, then {@code show --json} checked against the H2 file.
 */
class GantryCliTest {

  private static final String SWEEP =
      """
      name: cli-e2e
      model: gan
      dataset: gaussian-2d
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {steps: 150}
      report_every: 50
      parameters:
        g_hidden: {value: 0}
        latent_dim: {value: 2}
        batch_size: {value: 8}
        lr_d: {values: [0.05, 0.02]}
        k_disc_steps: {values: [1, 2]}
      seed: 7
      """;

  @TempDir Path dir;

  /** Two metrics and a constraint: the leaderboard marks the Pareto front among the feasible trials. */
  private static final String TWO_METRICS =
      "metrics: [{name: val/mean_error, goal: minimize}, {name: val/cov_error, goal: minimize}]\n"
          + "constraints: [{metric: val/d_real, min: 0.3}]";

  @Test
  void runThenShowJsonAgreesWithTheStoreAndBothWorkersGetWork() throws Exception {
    Path file = write("cli-e2e.yaml", SWEEP.replace("metric: {name: val/mean_error, goal: minimize}", TWO_METRICS));
    Path data = dir.resolve("data");

    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "2");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("rank"), "the run ends with a leaderboard:\n" + run.out());
    assertTrue(run.out().contains(data.resolve("gantry.mv.db").toString()), run.out());

    CliRun text = CliRun.gantry("show", "cli-e2e", "--data-dir", data.toString());
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("sweep cli-e2e-1") && text.out().contains("t004"), text.out());
    CliRun list = CliRun.gantry("list", "--data-dir", data.toString());
    assertTrue(list.out().contains("cli-e2e-1") && list.out().contains("4/4"), list.out());

    CliRun show = CliRun.gantry("show", "cli-e2e", "--data-dir", data.toString(), "--json");
    assertEquals(0, show.code(), show.err());
    JsonNode json = new ObjectMapper().readTree(show.out());
    assertEquals("finished", json.get("status").asText());
    assertEquals(4, json.get("trials").size());

    try (H2RunStore store = H2RunStore.open(data)) {
      String sweepId = json.get("id").asText();
      Set<String> workers = new HashSet<>();
      for (JsonNode trial : json.get("trials")) {
        String trialId = trial.get("id").asText();
        TrialRecord stored = store.trials(sweepId).stream().filter(t -> t.trialId().equals(trialId)).findFirst().orElseThrow();
        assertEquals(TrialStatus.COMPLETED, stored.status());
        assertEquals("completed", trial.get("status").asText());
        assertEquals(150, trial.get("last_step").asLong());
        List<MetricPoint> history = store.metrics(sweepId, trialId);
        List<Double> meanErrors = history.stream().filter(p -> p.name().equals("val/mean_error")).map(MetricPoint::value).toList();
        assertFalse(meanErrors.isEmpty(), "trial " + trialId + " reported val/mean_error");
        assertEquals(meanErrors.get(meanErrors.size() - 1), trial.get("final_metrics").get("val/mean_error").asDouble());
        assertEquals(history.stream().filter(p -> p.name().equals("train/loss_d")).count(), trial.get("metrics").get("train/loss_d").size());
        assertTrue(
            Files.isRegularFile(Path.of(artifact(trial, "samples"))), "trial " + trialId + " has a sample grid");
        assertTrue(
            Files.exists(Path.of(artifact(trial, "checkpoint"))), "trial " + trialId + " has a checkpoint");
        workers.add(stored.worker().orElseThrow());
      }
      assertEquals(2, workers.size(), "both worker processes ran trials: " + workers);
      assertEquals(List.of("val/mean_error", "val/cov_error"), store.sweep(sweepId).orElseThrow().objectives().metrics().stream().map(m -> m.name()).toList());
    }
    assertEquals(frontOf(json.get("trials")), texts(json.get("pareto_front")), json.toString());
    assertFalse(json.get("pareto_front").isEmpty(), "some trial met val/d_real >= 0.3: " + json);
    for (JsonNode trial : json.get("trials")) {
      boolean onFront = texts(json.get("pareto_front")).contains(trial.get("id").asText());
      assertEquals(onFront, trial.get("on_front").asBoolean());
      assertTrue(text.out().lines().anyMatch(l -> l.contains(trial.get("id").asText()) && l.strip().endsWith("*") == onFront), text.out());
    }
    assertTrue(text.out().contains("metrics val/mean_error (minimize), val/cov_error (minimize)"), text.out());
    assertTrue(text.out().contains("constraints 0.3000 <= val/d_real"), text.out());
  }

  /**
   * The feasible trials (val/d_real at least 0.3) that no other feasible trial matches or beats on
   * both errors, beating it on one, in the order show lists them, by val/mean_error.
   */
  private static List<String> frontOf(JsonNode trials) {
    List<JsonNode> feasible = new ArrayList<>();
    trials.forEach(
        t -> {
          assertEquals(t.get("final_metrics").get("val/d_real").asDouble() >= 0.3, t.get("feasible").asBoolean(), t.toString());
          if (t.get("feasible").asBoolean()) {
            feasible.add(t);
          }
        });
    return feasible.stream()
        .filter(a -> feasible.stream().noneMatch(b -> beats(b, a)))
        .sorted(Comparator.comparingDouble(t -> t.get("final_metrics").get("val/mean_error").asDouble()))
        .map(t -> t.get("id").asText())
        .toList();
  }

  private static boolean beats(JsonNode b, JsonNode a) {
    double[] x = {b.get("final_metrics").get("val/mean_error").asDouble(), b.get("final_metrics").get("val/cov_error").asDouble()};
    double[] y = {a.get("final_metrics").get("val/mean_error").asDouble(), a.get("final_metrics").get("val/cov_error").asDouble()};
    return x[0] <= y[0] && x[1] <= y[1] && (x[0] < y[0] || x[1] < y[1]);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  @Test
  void twoProcessesOfOneDeviceRunTwoTrialsAtOnce() throws Exception {
    Path file = write("shared.yaml", SWEEP.replace("name: cli-e2e", "name: shared").replace("budget: {steps: 150}", "budget: {steps: 600}"));
    Path data = dir.resolve("shared");
    CliRun bad = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--trials-per-gpu", "0");
    assertEquals(GantryCli.EXIT_BAD_INPUT, bad.code(), bad.toString());
    assertTrue(bad.err().contains("--trials-per-gpu must be at least 1"), bad.toString());
    assertFalse(Files.exists(data.resolve("gantry.mv.db")), "a bad option writes nothing");

    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "1", "--trials-per-device", "2");
    assertEquals(0, run.code(), run.toString());
    try (H2RunStore store = H2RunStore.open(data)) {
      List<TrialRecord> trials = store.trials("shared-1");
      assertEquals(Set.of("cpu-0", "cpu-0.2"), trials.stream().map(t -> t.worker().orElseThrow()).collect(Collectors.toSet()));
      boolean overlap =
          trials.stream().anyMatch(a -> trials.stream().anyMatch(b -> a != b
              && a.startedAt().orElseThrow().isBefore(b.finishedAt().orElseThrow())
              && b.startedAt().orElseThrow().isBefore(a.finishedAt().orElseThrow())));
      assertTrue(overlap, "two trials ran at once on cpu:0: " + trials);
    }
  }

  @Test
  void aBadSweepFileExitsWithTwoNamesTheLineAndWritesNothing() throws Exception {
    Path file = write("bad.yaml", SWEEP.replace("lr_d: {values: [0.05, 0.02]}", "lr_d: {min: 0.1, max: 0.01}"));
    Path data = dir.resolve("data");

    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString());

    assertEquals(2, run.code());
    assertTrue(run.err().contains("bad.yaml:12:"), run.err());
    assertTrue(run.err().contains("parameters.lr_d"), run.err());
    assertFalse(Files.exists(data.resolve("gantry.mv.db")), "nothing is written for a bad file");
  }

  @Test
  void validateAcceptsEveryExampleAndShowRejectsAnUnknownSweep() {
    try (var files = Files.list(Path.of("..", "experiments"))) {
      for (Path example : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        CliRun validate = CliRun.gantry("validate", example.toString());
        assertEquals(0, validate.code(), example + ": " + validate.err());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CliRun show = CliRun.gantry("show", "no-such-sweep", "--data-dir", dir.resolve("data").toString());
    assertEquals(2, show.code());
    assertTrue(show.err().contains("no sweep 'no-such-sweep'"), show.err());
  }

  @Test
  void dryRunPrintsTheTrialsRungsAndBudgetAndWritesNothing() throws Exception {
    Path file =
        write(
            "dry.yaml",
            SWEEP.replace("budget: {steps: 150}", "budget: {epochs: 9}")
                + "early_terminate: {type: asha, min_epochs: 1, reduction_factor: 3}\n");
    Path data = dir.resolve("data");

    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--dry-run");

    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("grid: 4 trial(s)"), run.out());
    assertTrue(run.out().contains("t004   0         2           8           0.02000  2"), run.out());
    assertTrue(run.out().contains("early stopping: asha: rungs at epoch 1, 3, reduction factor 3"), run.out());
    assertTrue(run.out().contains("total budget: at most 36 epochs (4 trials x 9 epochs); about 9.3 epochs (26 %)"), run.out());
    assertFalse(Files.exists(data), "a dry run writes nothing");

    Path tpe = write("tpe.yaml", SWEEP.replace("method: grid", "method: tpe").replace("lr_d: {values: [0.05, 0.02]}", "lr_d: {distribution: log_uniform, min: 0.001, max: 0.1}"));
    CliRun space = CliRun.gantry("run", tpe.toString(), "--data-dir", data.toString(), "--dry-run");
    assertEquals(0, space.code(), space.err());
    assertTrue(space.out().contains("tpe: 30 trial(s), the first 10 at random, then by TPE"), space.out());
    assertTrue(space.out().contains("lr_d          log_uniform 0.001000 .. 0.1000"), space.out());
    assertTrue(space.out().contains("early stopping: none"), space.out());
    assertFalse(Files.exists(data), "a dry run writes nothing");
  }

  @Test
  void aTpeSweepWithAshaRunsThenExtendRunsOnlyTheNewTrials() throws Exception {
    Path file =
        write(
            "tpe-asha.yaml",
            SWEEP.replace("method: grid", "method: tpe")
                .replace("budget: {steps: 150}", "budget: {epochs: 4}")
                .replace("dataset: gaussian-2d", "dataset: {name: gaussian-2d, train_limit: 200}")
                .replace("lr_d: {values: [0.05, 0.02]}", "lr_d: {distribution: log_uniform, min: 0.005, max: 0.1}")
                .replace("k_disc_steps: {values: [1, 2]}", "k_disc_steps: {min: 1, max: 3}")
                + "max_trials: 3\ntpe: {n_startup_trials: 2}\n"
                + "early_terminate: {type: asha, min_epochs: 1, reduction_factor: 2, use_best: true}\n");
    Path data = dir.resolve("data");
    assertEquals(0, CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "2").code());

    CliRun extend = CliRun.gantry("extend", "cli-e2e", "--max-trials", "5", "--data-dir", data.toString(), "--workers", "2");
    assertEquals(0, extend.code(), extend.err());
    assertTrue(extend.out().contains("sweep cli-e2e-1: 5 trial(s)"), extend.out());

    JsonNode json = new ObjectMapper().readTree(CliRun.gantry("show", "cli-e2e", "--data-dir", data.toString(), "--json").out());
    assertEquals("finished", json.get("status").asText());
    assertEquals(5, json.get("trials").size());
    Set<String> configs = new HashSet<>();
    for (JsonNode trial : json.get("trials")) {
      String status = trial.get("status").asText();
      assertTrue(status.equals("completed") || status.equals("stopped"), trial.toString());
      assertEquals(status.equals("stopped"), !trial.get("stop_rung").isNull(), trial.toString());
      configs.add(trial.get("params").toString());
    }
    assertEquals(5, configs.size(), "no configuration runs twice");
    CliRun again = CliRun.gantry("extend", "cli-e2e", "--max-trials", "5", "--data-dir", data.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("already runs 5 trial(s)"), again.err());
  }

  private static String artifact(JsonNode trial, String kind) {
    String path = null;
    for (JsonNode artifact : trial.get("artifacts")) {
      if (artifact.get("kind").asText().equals(kind)) {
        path = artifact.get("path").asText();
      }
    }
    assertTrue(path != null, "no " + kind + " artifact in " + trial);
    return path;
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
