package io.gantry.orchestrator.search;

import static io.gantry.orchestrator.search.Specs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RandomSearchTest {

  private static final String RANDOM =
      """
      name: r
      model: gan
      dataset: fashion-mnist
      method: random
      metric: {name: train/loss_g, goal: minimize}
      budget: {epochs: 1}
      parameters:
        k_disc_steps: {min: 1, max: 3}
        lr_g: {distribution: log_uniform, min: 1.0e-4, max: 1.0e-2}
        beta1: {min: 0.3, max: 0.9}
        generator_loss: {values: [non_saturating, minimax]}
        batch_size: {value: 32}
      max_trials: 2000
      """;

  private static List<Map<String, Object>> trials(String yaml) {
    SweepSpec spec = parse(yaml);
    SearchStrategy search = SearchStrategies.forSpec(spec);
    List<Map<String, Object>> trials = new ArrayList<>();
    while (trials.size() < spec.maxTrials()) {
      trials.add(search.ask(List.of()).orElseThrow(() -> new AssertionError("random search never runs dry")));
    }
    return trials;
  }

  private static List<Double> doubles(List<Map<String, Object>> trials, String name) {
    return trials.stream().map(t -> (Double) t.get(name)).sorted().toList();
  }

  @Test
  void sameSeedProposesTheSameTrials() {
    assertEquals(trials(RANDOM + "seed: 7\n"), trials(RANDOM + "seed: 7\n"));
    assertNotEquals(trials(RANDOM + "seed: 7\n"), trials(RANDOM + "seed: 8\n"));
  }

  @Test
  void valuesStayInsideTheirRangesAndLists() {
    for (Map<String, Object> trial : trials(RANDOM)) {
      double lr = assertInstanceOf(Double.class, trial.get("lr_g"));
      double beta1 = assertInstanceOf(Double.class, trial.get("beta1"));
      assertTrue(lr >= 1e-4 && lr <= 1e-2, trial::toString);
      assertTrue(beta1 >= 0.3 && beta1 < 0.9, trial::toString);
      assertTrue(Set.of("non_saturating", "minimax").contains(trial.get("generator_loss")));
      assertEquals(32, trial.get("batch_size"));
    }
  }

  @Test
  void intUniformIncludesBothBoundsAsIntegers() {
    Set<Object> seen = new TreeSet<>();
    for (Map<String, Object> trial : trials(RANDOM)) {
      assertInstanceOf(Integer.class, trial.get("k_disc_steps"));
      seen.add(trial.get("k_disc_steps"));
    }

    assertEquals(Set.of(1, 2, 3), seen);
  }

  @Test
  void logUniformSpreadsEvenlyOverDecades() {
    List<Double> lr = doubles(trials(RANDOM), "lr_g");

    double median = lr.get(lr.size() / 2);
    assertTrue(
        median > 0.8e-3 && median < 1.25e-3,
        "median " + median + " is near 1e-3, the geometric mean");
    long firstDecade = lr.stream().filter(x -> x < 1e-3).count();
    assertTrue(firstDecade > 900 && firstDecade < 1100, firstDecade + " of 2000 below 1e-3");
  }

  @Test
  void uniformMedianIsNearTheMidpoint() {
    List<Double> beta1 = doubles(trials(RANDOM), "beta1");

    double median = beta1.get(beta1.size() / 2);
    assertTrue(Math.abs(median - 0.6) < 0.03, "median " + median);
  }

  @Test
  void randomSearchDefaultsToTenTrialsAndTpeToThirty() {
    assertEquals(SweepSpec.DEFAULT_RANDOM_TRIALS, parse(RANDOM.replace("max_trials: 2000\n", "")).maxTrials());
    assertEquals(
        SweepSpec.DEFAULT_TPE_TRIALS,
        parse(RANDOM.replace("max_trials: 2000\n", "").replace("method: random", "method: tpe")).maxTrials());
  }
}
