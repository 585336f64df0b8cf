package io.gantry.orchestrator.search;

import static io.gantry.orchestrator.search.Specs.allTrials;
import static io.gantry.orchestrator.search.Specs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.ParameterSpec;
import io.gantry.orchestrator.sweep.ParameterSpec.Distribution;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.protocol.catalog.ModelCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSearchTest {

  private static final String GAN_GRID =
      """
      name: g
      model: gan
      dataset: fashion-mnist
      method: grid
      metric: {name: train/loss_g, goal: minimize}
      budget: {epochs: 1}
      parameters:
        k_disc_steps: {values: [1, 2, 5]}
        lr_d: {value: 0.001}
        generator_loss: {values: [non_saturating, minimax]}
      """;

  private static List<String> pairs(List<Map<String, Object>> trials) {
    return trials.stream().map(t -> t.get("k_disc_steps") + "/" + t.get("generator_loss")).toList();
  }

  @Test
  void gridIsTheCartesianProductWithTheLastParameterFastest() {
    SweepSpec spec = parse(GAN_GRID);

    List<Map<String, Object>> trials = allTrials(SearchStrategies.forSpec(spec));

    assertEquals(6, spec.maxTrials());
    assertEquals(
        List.of(
            "1/non_saturating",
            "1/minimax",
            "2/non_saturating",
            "2/minimax",
            "5/non_saturating",
            "5/minimax"),
        pairs(trials));
  }

  @Test
  void trialsCarryEveryModelParameterTypedWithDefaultsForTheRest() {
    Map<String, Object> first =
        SearchStrategies.forSpec(parse(GAN_GRID)).ask(List.of()).orElseThrow();

    assertEquals(List.copyOf(ModelCatalog.parameters("gan").keySet()), List.copyOf(first.keySet()));
    assertEquals(1, first.get("k_disc_steps"));
    assertEquals(0.001, first.get("lr_d"));
    assertEquals(2e-4, first.get("lr_g"));
    assertEquals(64, first.get("latent_dim"));
    assertInstanceOf(Integer.class, first.get("batch_size"));
    assertInstanceOf(String.class, first.get("generator_loss"));
  }

  @Test
  void maxTrialsCutsTheSweepNotTheGridSoAnExtendedSweepGoesOnWithTheNextPoints() {
    SweepSpec spec = parse(GAN_GRID + "max_trials: 4\n");

    List<Map<String, Object>> trials = allTrials(SearchStrategies.forSpec(spec));

    assertEquals(4, spec.maxTrials());
    assertEquals(6, trials.size());
  }

  @Test
  void intUniformRangesAreListedFromMinToMax() {
    // noise_std, a real parameter from 0 to 10, listed as integers
    String yaml =
        """
        name: d
        model: dae
        dataset: fashion-mnist
        method: grid
        metric: {name: val/mse, goal: minimize}
        budget: {epochs: 1}
        parameters:
          latent_dim: {min: 1, max: 3}
          noise_std: {distribution: int_uniform, min: 1, max: 2}
        """;

    List<Map<String, Object>> trials = allTrials(SearchStrategies.forSpec(parse(yaml)));

    assertEquals(
        List.of("1/1.0", "1/2.0", "2/1.0", "2/2.0", "3/1.0", "3/2.0"),
        trials.stream().map(t -> t.get("latent_dim") + "/" + t.get("noise_std")).toList());
    assertInstanceOf(Integer.class, trials.get(0).get("latent_dim"));
    assertInstanceOf(Double.class, trials.get(0).get("noise_std"));
  }

  @Test
  void sizeMultipliesTheAxesAndRefusesContinuousRanges() {
    assertEquals(6, ParameterSpec.gridSize(parse(GAN_GRID).parameters().values()));
    assertEquals(1, ParameterSpec.gridSize(List.of()));
    Range huge = new Range(Distribution.INT_UNIFORM, 0, Integer.MAX_VALUE);
    assertEquals(Long.MAX_VALUE, ParameterSpec.gridSize(List.of(huge, huge, huge)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ParameterSpec.gridSize(List.of(new Range(Distribution.UNIFORM, 0.1, 0.2))));
  }

  @Test
  void askAfterTheLastPointStaysEmptyAndTellChangesNothing() {
    SearchStrategy grid = SearchStrategies.forSpec(parse(GAN_GRID));
    List<Map<String, Object>> points = allTrials(grid);

    grid.tell(points.get(0), new TrialResult(0.5, 10, false));

    assertTrue(grid.ask(List.of()).isEmpty());
    assertTrue(grid.ask(List.of()).isEmpty());
  }
}
