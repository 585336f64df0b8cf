package io.gantry.orchestrator.search;

import static io.gantry.orchestrator.search.Specs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PBT's explore step: perturbed, resampled and neighbouring values, always within the sweep's space. */
class ExplorationTest {

  private static final String PBT =
      """
      name: pbt
      model: gan
      dataset: fashion-mnist
      method: pbt
      population: 4
      pbt: {perturb: [0.8, 1.2], resample_probability: RESAMPLE}
      metric: {name: val/fid, goal: minimize}
      budget: {epochs: 4}
      parameters:
        lr_g: {distribution: log_uniform, min: 1.0e-5, max: 1.0e-3}
        k_disc_steps: {values: [1, 2, 3]}
        latent_dim: {value: 16}
      """;

  private static Exploration exploration(double resample) {
    return new Exploration(parse(PBT.replace("RESAMPLE", Double.toString(resample))));
  }

  private static final Map<String, Object> PARENT = Map.of("lr_g", 5.0e-4, "k_disc_steps", 2, "latent_dim", 16);

  @Test
  void withoutResamplingANumberIsScaledByAFactorAndAListedValueMovesToANeighbour() {
    Set<Object> rates = new HashSet<>();
    Set<Object> steps = new HashSet<>();
    Random random = new Random(3);
    for (int i = 0; i < 50; i++) {
      Map<String, Object> child = exploration(0).explore(PARENT, random);
      rates.add(child.get("lr_g"));
      steps.add(child.get("k_disc_steps"));
      assertEquals(16, child.get("latent_dim"), "a fixed value stays");
    }
    assertEquals(Set.of(4.0e-4, 6.0e-4), rates.stream().map(r -> Math.round((Double) r * 1e7) / 1e7).collect(java.util.stream.Collectors.toSet()));
    assertEquals(Set.of(1, 3), steps, "2 moves to 1 or 3");
  }

  @Test
  void aPerturbedValueStaysWithinTheRangeAndAtAnEndOfTheList() {
    Map<String, Object> atTheTop = Map.of("lr_g", 9.5e-4, "k_disc_steps", 3, "latent_dim", 16);
    Random random = new Random(5);
    for (int i = 0; i < 50; i++) {
      Map<String, Object> child = exploration(0).explore(atTheTop, random);
      double lr = (Double) child.get("lr_g");
      assertTrue(lr >= 1e-5 && lr <= 1e-3, "clipped to the range: " + lr);
      assertTrue(child.get("k_disc_steps").equals(2) || child.get("k_disc_steps").equals(3), "3 is the end of the list: " + child);
    }
  }

  @Test
  void resamplingDrawsAsRandomSearchDoesAndTheSameSeedExploresTheSameWay() {
    Random random = new Random(7);
    Map<String, Object> child = exploration(1).explore(PARENT, random);
    double lr = assertInstanceOf(Double.class, child.get("lr_g"));
    assertTrue(lr >= 1e-5 && lr <= 1e-3, child::toString);
    assertNotEquals(4.0e-4, lr);
    assertEquals(exploration(0.25).explore(PARENT, new Random(11)), exploration(0.25).explore(PARENT, new Random(11)));
  }
}
