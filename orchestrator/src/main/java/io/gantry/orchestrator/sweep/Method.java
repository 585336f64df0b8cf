package io.gantry.orchestrator.sweep;

import java.util.Locale;

/**
 * How a sweep chooses the parameters of its trials. The sweep file spells each one in lower case
 * ({@code grid}, {@code random}, {@code tpe}, {@code nsga2}, {@code pbt}, {@code replay}); the strategies live in {@code
 * io.gantry.orchestrator.search}.
 */
public enum Method {
  /** Every combination of the listed values, in file order. */
  GRID,
  /** Independent uniform draws from each parameter's values or range. */
  RANDOM,
  /** The Tree-structured Parzen Estimator: random at first, then guided by the trials so far. */
  TPE,
  /** The genetic algorithm NSGA-II, for several metrics: random at first, then children of the Pareto-best trials. */
  NSGA2,
  /** Population-based training: a random population whose worst members copy and perturb the best as they train. */
  PBT,
  /** One trial whose parameters change at given steps, as a pbt member's lineage says it trained. */
  REPLAY;

  /** The spelling used in sweep files. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
