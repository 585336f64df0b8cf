package io.gantry.orchestrator.sweep;

import java.util.Map;
import java.util.Optional;

/**
 * Proposes the parameters of a sweep's trials, one at a time, as Optuna's {@code Sampler} does: the
 * coordinator {@link #ask asks} for a trial when a worker is free and {@link #tell tells} the
 * result when the trial ends, so an adaptive strategy can learn from it. A new algorithm is one
 * class implementing this interface and a case in {@link SearchStrategies#forSpec}.
 *
 * <p>Implementations are not thread-safe; the coordinator calls them from one actor.
 */
public interface SearchStrategy {

  /**
   * The next trial's parameters: every parameter of the model, in the model catalog's order, with
   * the sweep's fixed or chosen values and the catalog's defaults for the rest. Values are {@code
   * Integer}, {@code Double} or {@code String}, as the parameter's type says. Empty once the sweep
   * has proposed all its trials.
   */
  Optional<Map<String, Object>> ask();

  /**
   * Reports a finished trial's value of the sweep's metric. Strategies that do not learn, as grid
   * and random search, ignore it.
   */
  default void tell(Map<String, Object> params, double objective) {}
}
