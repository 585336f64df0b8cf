package io.gantry.orchestrator.sweep;

import java.util.List;

/**
 * How a sweep of {@code method: pbt} trains its population, named and defaulted as Ray Tune's
 * {@code PopulationBasedTraining}.
 *
 * @param population how many members (trials) train at once; the sweep's trials
 * @param intervalEpochs epochs between two looks at a member: at the end of every such epoch, a
 *     member in the bottom {@code quantile} copies a member of the top one
 * @param quantile the share of the population at the bottom that copies, and at the top that is
 *     copied; at most one half
 * @param perturb the factors a copied number is multiplied by, one drawn at random
 * @param resampleProbability the chance that a copied parameter is drawn afresh from its
 *     distribution instead of perturbed
 */
public record PbtSettings(int population, int intervalEpochs, double quantile, List<Double> perturb, double resampleProbability) {

  /** Ray Tune's defaults, with a population of 4 and a look every epoch. */
  public static final PbtSettings DEFAULT = new PbtSettings(4, 1, 0.25, List.of(0.8, 1.2), 0.25);

  public PbtSettings {
    perturb = List.copyOf(perturb);
    if (population < 2
        || intervalEpochs < 1
        || !(quantile > 0 && quantile <= 0.5)
        || perturb.isEmpty()
        || perturb.stream().anyMatch(f -> !(f > 0))
        || !(resampleProbability >= 0 && resampleProbability <= 1)) {
      throw new IllegalArgumentException(
          "bad PBT settings: " + population + ", " + intervalEpochs + ", " + quantile + ", " + perturb + ", " + resampleProbability);
    }
  }
}
