package io.gantry.orchestrator.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.search.ParameterImportance.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Importance on objectives whose answer is known, over 60 random trials. */
class ParameterImportanceTest {

  private static final int TRIALS = 60;

  private static List<Observation> trials(Function<Random, Map<String, Object>> draw, Function<Map<String, Object>, Double> objective) {
    Random random = new Random(11);
    List<Observation> trials = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      Map<String, Object> params = draw.apply(random);
      trials.add(new Observation(params, objective.apply(params)));
    }
    return trials;
  }

  private static double number(Map<String, Object> params, String name) {
    return ((Number) params.get(name)).doubleValue();
  }

  @Test
  void aParameterWithAHundredTimesTheSlopeTakesNearlyAllAndTheConstantOneIsLeftOut() {
    ParameterImportance importance =
        ParameterImportance.of(
            trials(
                r -> Map.of("x1", r.nextDouble(), "x2", r.nextDouble(), "batch_size", 32),
                p -> 10 * number(p, "x1") + 0.1 * number(p, "x2")));
    Map<String, Double> shares = importance.shares();
    assertEquals(List.of("x1", "x2"), List.copyOf(shares.keySet()), shares.toString());
    assertTrue(shares.get("x1") > 0.9, shares.toString());
    assertEquals(1.0, shares.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertTrue(importance.explained() > 0.9, "x1 alone explains nearly all: " + importance.explained());
  }

  @Test
  void aLogUniformParameterIsBinnedByItsOrderSoItsLogEffectIsFound() {
    Map<String, Double> shares =
        ParameterImportance.of(
                trials(
                    r -> Map.of("lr", Math.pow(10, -4 + 2 * r.nextDouble()), "beta1", 0.3 + 0.6 * r.nextDouble()),
                    p -> Math.log10(number(p, "lr")) + 0.05 * number(p, "beta1")))
            .shares();
    assertEquals("lr", shares.keySet().iterator().next(), shares.toString());
    assertTrue(shares.get("lr") > 0.9, shares.toString());
  }

  @Test
  void aCategoricalParameterThatDecidesTheObjectiveRanksFirst() {
    Map<String, Double> shares =
        ParameterImportance.of(
                trials(
                    r -> Map.of("loss", r.nextBoolean() ? "minimax" : "non_saturating", "lr", r.nextDouble(), "latent_dim", List.of(2, 8, 16).get(r.nextInt(3))),
                    p -> (p.get("loss").equals("minimax") ? 5.0 : 0.0) + 0.5 * number(p, "lr")))
            .shares();
    assertEquals("loss", shares.keySet().iterator().next(), shares.toString());
    assertTrue(shares.get("loss") > 0.8, shares.toString());
  }

  @Test
  void aParameterTheObjectiveIgnoresGetsASmallShare() {
    Random noise = new Random(5);
    Map<String, Double> shares =
        ParameterImportance.of(
                trials(r -> Map.of("x", r.nextDouble(), "ignored", r.nextDouble()), p -> number(p, "x") + 0.1 * noise.nextGaussian()))
            .shares();
    assertTrue(shares.get("ignored") < 0.1, shares.toString());
  }

  @Test
  void anObjectiveNoParameterMovesIsLittleExplainedWhateverTheShares() {
    Random noise = new Random(5);
    ParameterImportance importance = ParameterImportance.of(trials(r -> Map.of("x", r.nextDouble(), "loss", r.nextBoolean()), p -> noise.nextGaussian()));
    assertTrue(importance.explained() < 0.1, importance.explained() + " " + importance.shares());
  }

  @Test
  void fewerTrialsThanTheMinimumGiveNoSharesAndSayWhy() {
    ParameterImportance importance =
        ParameterImportance.of(List.of(new Observation(Map.of("x", 1), 1.0), new Observation(Map.of("x", 2), 2.0), new Observation(Map.of("x", 3), 3.0)));
    assertTrue(importance.shares().isEmpty());
    assertEquals("not enough trials: 3 completed with the metric, 4 needed", importance.missingReason().orElseThrow());
  }

  @Test
  void aConstantObjectiveGivesNoSharesAndSaysWhy() {
    List<Observation> same = List.of(1, 2, 3, 4).stream().map(x -> new Observation(Map.of("x", x), 7.0)).toList();
    assertEquals("the metric is the same in every completed trial", ParameterImportance.of(same).missingReason().orElseThrow());
  }
}
