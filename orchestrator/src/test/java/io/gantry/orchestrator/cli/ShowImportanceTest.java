package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.view.ImportanceSweep;
import io.gantry.orchestrator.view.NoisySweep;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry show --importance} on sweeps written straight into a store. */
class ShowImportanceTest {

  @TempDir Path data;

  @Test
  void theTableNamesTheParameterThatMattersFirstAndLeavesTheConstantOneOut() throws Exception {
    try (H2RunStore store = H2RunStore.open(data)) {
      ImportanceSweep.write(store);
    }
    CliRun show = CliRun.gantry("show", ImportanceSweep.ID, "--data-dir", data.toString(), "--importance");
    assertEquals(0, show.code(), show.toString());
    List<String> lines = show.out().lines().dropWhile(l -> !l.startsWith("importance for val/score")).toList();
    assertTrue(lines.get(0).matches("importance for val/score \\(marginal, completed trials; together \\d+% of its variance\\):"), lines.get(0));
    assertEquals("parameter  importance", lines.get(1).strip(), show.toString());
    assertTrue(lines.get(2).startsWith("lr ") && lines.get(2).contains("#"), show.toString());
    assertTrue(lines.get(3).startsWith("loss "), show.toString());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("batch_size")), show.toString());

    JsonNode json = new ObjectMapper().readTree(CliRun.gantry("show", ImportanceSweep.ID, "--data-dir", data.toString(), "--json", "--importance").out());
    assertTrue(json.get("importance").get("lr").asDouble() > 0.9, json.get("importance").toString());
    assertTrue(json.get("importance_explained").asDouble() > 0.8, json.toString());
    assertFalse(new ObjectMapper().readTree(CliRun.gantry("show", ImportanceSweep.ID, "--data-dir", data.toString(), "--json").out()).has("importance"));
  }

  @Test
  void tooFewCompletedTrialsSaySoInTheTableAndAreNullInTheJson() throws Exception {
    try (H2RunStore store = H2RunStore.open(data)) {
      NoisySweep.write(store);
    }
    CliRun show = CliRun.gantry("show", NoisySweep.ID, "--data-dir", data.toString(), "--importance");
    assertTrue(show.out().contains("importance for val/fid (marginal, completed trials): not enough trials: 0 completed with the metric, 4 needed"), show.toString());
    JsonNode json = new ObjectMapper().readTree(CliRun.gantry("show", NoisySweep.ID, "--data-dir", data.toString(), "--json", "--importance").out());
    assertTrue(json.get("importance").isNull(), json.toString());
    assertTrue(json.get("importance_explained").isNull(), json.toString());
  }
}
