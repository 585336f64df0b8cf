package io.gantry.orchestrator.sweep;

import java.util.OptionalDouble;

/**
 * The {@code nsga2:} settings of a sweep whose method is {@code nsga2}, named and defaulted as
 * Optuna's {@code NSGAIISampler} does.
 *
 * @param populationSize trials drawn at random first, and the number of parents kept after
 * @param crossoverProbability the chance that a child mixes two parents rather than copying one
 * @param mutationProbability the chance that each parameter of a child is drawn afresh; empty for
 *     one over the number of parameters the sweep varies
 */
public record Nsga2Settings(int populationSize, double crossoverProbability, OptionalDouble mutationProbability) {

  /** Optuna's defaults: 50 parents, crossover 0.9, mutation 1 / parameters. */
  public static final Nsga2Settings DEFAULT = new Nsga2Settings(50, 0.9, OptionalDouble.empty());

  public Nsga2Settings {
    if (populationSize < 2
        || !(crossoverProbability >= 0 && crossoverProbability <= 1)
        || mutationProbability.isPresent() && !(mutationProbability.getAsDouble() >= 0 && mutationProbability.getAsDouble() <= 1)) {
      throw new IllegalArgumentException(
          "bad NSGA-II settings: " + populationSize + ", " + crossoverProbability + ", " + mutationProbability);
    }
  }
}
