package io.gantry.orchestrator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.ParameterSpec.Distribution;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static List<Map<String, Object>> allTrials(SearchStrategy strategy) {
    List<Map<String, Object>> trials = new ArrayList<>();
    for (Optional<Map<String, Object>> next = strategy.ask();
        next.isPresent();
        next = strategy.ask()) {
      trials.add(next.get());
    }
    return trials;
  }

  private static List<String> pairs(List<Map<String, Object>> trials) {
    return trials.stream().map(t -> t.get("k_disc_steps") + "/" + t.get("generator_loss")).toList();
  }

  @Test
  void gridIsTheCartesianProductWithTheLastParameterFastest() {
    SweepSpec spec = SweepFiles.parse(GAN_GRID);

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
        SearchStrategies.forSpec(SweepFiles.parse(GAN_GRID)).ask().orElseThrow();

    assertEquals(
        List.of(
            "latent_dim",
            "g_hidden",
            "d_hidden",
            "k_disc_steps",
            "lr_g",
            "lr_d",
            "beta1",
            "generator_loss",
            "batch_size"),
        List.copyOf(first.keySet()));
    assertEquals(1, first.get("k_disc_steps"));
    assertEquals(0.001, first.get("lr_d"));
    assertEquals(2e-4, first.get("lr_g"));
    assertEquals(64, first.get("latent_dim"));
    assertInstanceOf(Integer.class, first.get("batch_size"));
    assertInstanceOf(String.class, first.get("generator_loss"));
  }

  @Test
  void maxTrialsTakesTheFirstPointsOfTheGrid() {
    List<Map<String, Object>> trials =
        allTrials(SearchStrategies.forSpec(SweepFiles.parse(GAN_GRID + "max_trials: 4\n")));

    assertEquals(
        List.of("1/non_saturating", "1/minimax", "2/non_saturating", "2/minimax"), pairs(trials));
  }

  @Test
  void intUniformRangesAreListedFromMinToMax() {
    String yaml =
        GAN_GRID
            .replace("k_disc_steps: {values: [1, 2, 5]}", "k_disc_steps: {min: 1, max: 3}")
            .replace("lr_d: {value: 0.001}", "lr_d: {distribution: int_uniform, min: 1, max: 2}")
            .replace("generator_loss: {values: [non_saturating, minimax]}\n", "");

    List<Map<String, Object>> trials = allTrials(SearchStrategies.forSpec(SweepFiles.parse(yaml)));

    assertEquals(
        List.of("1/1.0", "1/2.0", "2/1.0", "2/2.0", "3/1.0", "3/2.0"),
        trials.stream().map(t -> t.get("k_disc_steps") + "/" + t.get("lr_d")).toList());
    assertInstanceOf(Integer.class, trials.get(0).get("k_disc_steps"));
    assertInstanceOf(Double.class, trials.get(0).get("lr_d"));
  }

  @Test
  void sizeMultipliesTheAxesAndRefusesContinuousRanges() {
    assertEquals(6, GridSearch.size(SweepFiles.parse(GAN_GRID).parameters()));
    assertEquals(1, GridSearch.size(Map.of()));
    assertEquals(
        Long.MAX_VALUE,
        GridSearch.size(
            Map.of(
                "a", new Range(Distribution.INT_UNIFORM, 0, Integer.MAX_VALUE),
                "b", new Range(Distribution.INT_UNIFORM, 0, Integer.MAX_VALUE),
                "c", new Range(Distribution.INT_UNIFORM, 0, Integer.MAX_VALUE))));
    assertThrows(
        IllegalArgumentException.class,
        () -> GridSearch.size(Map.of("lr", new Range(Distribution.UNIFORM, 0.1, 0.2))));
  }

  @Test
  void askAfterTheLastTrialStaysEmptyAndTellChangesNothing() {
    SearchStrategy grid = SearchStrategies.forSpec(SweepFiles.parse(GAN_GRID + "max_trials: 1\n"));
    Map<String, Object> only = grid.ask().orElseThrow();

    grid.tell(only, 0.5);

    assertTrue(grid.ask().isEmpty());
    assertTrue(grid.ask().isEmpty());
  }
}
