package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.Method;
import io.gantry.orchestrator.sweep.SweepSpec;

/** Picks the {@link SearchStrategy} a sweep's {@link Method} names. */
public final class SearchStrategies {

  private SearchStrategies() {}

  /** A fresh strategy for {@code spec}, which proposes the spec's trials from the first. */
  public static SearchStrategy forSpec(SweepSpec spec) {
    return switch (spec.method()) {
      case GRID -> new GridSearch(spec);
      case RANDOM -> new RandomSearch(spec);
      case TPE -> new TpeSearch(spec);
      case NSGA2 -> new Nsga2Search(spec);
      // the first population is random; the members then breed as they train (PopulationBasedTraining)
      case PBT -> new RandomSearch(spec);
      // the file's parameters are all fixed: the grid's one point
      case REPLAY -> new GridSearch(spec);
    };
  }
}
