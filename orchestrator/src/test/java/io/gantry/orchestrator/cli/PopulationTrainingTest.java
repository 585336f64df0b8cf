package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code method: pbt} end to end: a population of two GANs on gaussian-2d trained by one real
 * worker process, one member after the other, so that the second, worse at its first epoch than
 * the first at its end, copies the first's checkpoint of that epoch. Nothing is perturbed (factor
 * 1, no resampling), so from there on the copy must train exactly as its parent did.
 */
public class PopulationTrainingTest {

  /** Two members, one epoch between looks, nothing perturbed; tracking tests run it too. */
  public static final String SWEEP =
      """
      name: pbt-e2e
      model: gan
      dataset: {name: gaussian-2d, train_limit: 1000}
      method: pbt
      population: 2
      pbt: {interval: {epochs: 1}, quantile: 0.5, perturb: [1.0], resample_probability: 0.0}
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 3}
      report_every: 25
      parameters:
        g_hidden: {value: 0}
        latent_dim: {value: 2}
        batch_size: {value: 8}
        lr_d: {distribution: log_uniform, min: 0.001, max: 0.05}
      seed: 7
      """;

  @TempDir Path dir;

  @Test
  void aMemberThatCopiesAnotherGoesOnExactlyAsItsParent() throws Exception {
    Path file = dir.resolve("pbt.yaml");
    Files.writeString(file, SWEEP);
    Path data = dir.resolve("data");

    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "1");
    assertEquals(0, run.code(), run.toString());

    try (H2RunStore store = H2RunStore.open(data)) {
      List<LineageRecord> lineage = store.lineage("pbt-e2e-1");
      assertFalse(lineage.isEmpty(), "t002 was worse at epoch 1 than t001 at its end: " + run.out());
      LineageRecord first = lineage.get(0);
      assertEquals("t002", first.trialId());
      assertEquals("t001", first.parentId());
      Map<String, TrialRecord> trials = store.trials("pbt-e2e-1").stream().collect(Collectors.toMap(TrialRecord::trialId, t -> t));
      assertEquals(TrialStatus.COMPLETED, trials.get("t002").status());
      assertEquals(trials.get("t001").params(), trials.get("t002").params(), "nothing perturbed: the parent's parameters");
      assertEquals(trials.get("t001").seed(), trials.get("t002").seed(), "and its seed");
      assertEquals(first.newSeed(), trials.get("t001").seed());
      assertTrue(first.step() >= 125, "at the end of epoch 1 or later: " + first);

      List<MetricPoint> child = after(store.metrics("pbt-e2e-1", "t002"), first.step());
      List<MetricPoint> parent = after(store.metrics("pbt-e2e-1", "t001"), first.step());
      assertFalse(child.isEmpty(), "the copy trained after the exploit");
      assertEquals(values(parent), values(child), "the copy's every metric after the exploit is its parent's");

      double lr = ((Number) trials.get("t001").params().get("lr_d")).doubleValue();
      assertTrue(
          store.metrics("pbt-e2e-1", "t002").stream().anyMatch(p -> p.name().equals("hp/lr_d") && p.step() == first.step() && p.value() == lr),
          "the member's lr_d over time is the metric hp/lr_d");
    }

    CliRun show = CliRun.gantry("show", "pbt-e2e", "--data-dir", data.toString());
    assertTrue(show.out().contains("lineage (pbt):"), show.out());
    assertTrue(show.out().lines().anyMatch(l -> l.strip().startsWith("t002 at step ") && l.contains(" copied t001")), show.out());
    JsonNode json = new ObjectMapper().readTree(CliRun.gantry("show", "pbt-e2e", "--data-dir", data.toString(), "--json").out());
    assertEquals("t001", json.get("lineage").get(0).get("parent").asText());
  }

  /**
   * {@code gantry replay} of a member whose copy changed its lr_d (every copy is multiplied by
   * 1.25): the one trial of the replay file trains as the member's line did, its parent's points up
   * to the copy's step and the member's after it, every metric equal.
   */
  @Test
  void aReplayOfAMemberReproducesItsHistoryFromItsLineage() throws Exception {
    Path file = dir.resolve("pbt.yaml");
    Files.writeString(file, SWEEP.replace("name: pbt-e2e", "name: pbt-perturbed").replace("perturb: [1.0]", "perturb: [1.25]"));
    Path data = dir.resolve("data");
    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "1");
    assertEquals(0, run.code(), run.toString());

    Path replayFile = dir.resolve("replay.yaml");
    CliRun replay = CliRun.gantry("replay", "pbt-perturbed", "t002", "--data-dir", data.toString(), "--out", replayFile.toString());
    assertEquals(0, replay.code(), replay.toString());
    CliRun unknown = CliRun.gantry("replay", "pbt-perturbed", "t009", "--data-dir", data.toString());
    assertEquals(2, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("has no trial 't009'; it has t001, t002"), unknown.err());
    String replayText = Files.readString(replayFile);
    assertTrue(replayText.contains("method: replay"), replayText);
    CliRun replayed = CliRun.gantry("run", replayFile.toString(), "--data-dir", data.toString(), "--workers", "1");
    assertEquals(0, replayed.code(), replayed + "\n" + replayText);

    try (H2RunStore store = H2RunStore.open(data)) {
      List<LineageRecord> lineage = store.lineage("pbt-perturbed-1");
      assertTrue(lineage.stream().noneMatch(r -> r.trialId().equals("t001")), "t001 trained first and never copied: " + lineage);
      LineageRecord last = lineage.stream().filter(r -> r.trialId().equals("t002")).reduce((a, b) -> b).orElseThrow();
      assertEquals("t001", last.parentId());
      assertTrue(
          ((Number) last.newParams().get("lr_d")).doubleValue() != ((Number) last.oldParams().get("lr_d")).doubleValue(),
          "the copy changed lr_d: " + last);

      List<MetricPoint> expected = new java.util.ArrayList<>(upTo(store.metrics("pbt-perturbed-1", "t001"), last.step()));
      expected.addAll(after(store.metrics("pbt-perturbed-1", "t002"), last.step()));
      List<MetricPoint> replayedHistory = after(store.metrics("pbt-perturbed-replay-t002-1", "t001"), -1);
      assertEquals(sorted(expected), sorted(replayedHistory), "the replay trained as t002's line did");
      TrialRecord replayedTrial = store.trials("pbt-perturbed-replay-t002-1").get(0);
      assertEquals(TrialStatus.COMPLETED, replayedTrial.status());
      assertEquals(last.newParams(), replayedTrial.params(), "it ends with the member's parameters");
      double lr = ((Number) last.newParams().get("lr_d")).doubleValue();
      assertTrue(
          store.metrics("pbt-perturbed-replay-t002-1", "t001").stream().anyMatch(p -> p.name().equals("hp/lr_d") && p.step() == last.step() && p.value() == lr),
          "its lr_d over time is the metric hp/lr_d, as the member's is");
    }
  }

  private static List<MetricPoint> upTo(List<MetricPoint> history, long step) {
    return history.stream().filter(p -> p.step() <= step && !p.name().startsWith("hp/") && !p.name().startsWith("system/")).toList();
  }

  private static List<String> sorted(List<MetricPoint> points) {
    return values(points).stream().sorted().toList();
  }

  /** The training and held-out points after {@code step}, by name and step; not the parameters. */
  private static List<MetricPoint> after(List<MetricPoint> history, long step) {
    return history.stream().filter(p -> p.step() > step && !p.name().startsWith("hp/") && !p.name().startsWith("system/")).toList();
  }

  private static List<String> values(List<MetricPoint> points) {
    return points.stream().map(p -> p.name() + "@" + p.step() + "=" + p.value()).toList();
  }
}
