package io.gantry.orchestrator.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes the parameters of a sweep's trials, one at a time, as Optuna's {@code Sampler} does: the
 * coordinator {@link #ask asks} for a trial when a worker is free and {@link #tell tells} the
 * result when a trial ends, so an adaptive strategy learns from every trial before it proposes the
 * next. A new algorithm is one class implementing this interface and a case in {@link
 * SearchStrategies#forSpec}.
 *
 * <p>Implementations are not thread-safe; the coordinator calls them from one actor.
 */
public interface SearchStrategy {

  /**
   * The next trial's parameters: every parameter of the model, in the model catalog's order, with
   * the sweep's fixed or chosen values and the catalog's defaults for the rest. Values are {@code
   * Integer}, {@code Double} or {@code String}, as the parameter's type says. Empty when the
   * strategy has nothing left to propose (a grid whose points are all proposed); how many trials
   * a sweep runs is the coordinator's business, not the strategy's.
   *
   * @param running the parameters of the sweep's trials that were proposed and have not ended
   *     (queued or running), oldest first: when several workers are idle at once the strategy is
   *     asked several times before any result comes back, and an adaptive one can steer away from
   *     what is already being tried. Passed in, not remembered, so that a strategy never has to
   *     track which of its proposals the coordinator ran, requeued or passed over.
   */
  Optional<Map<String, Object>> ask(List<Map<String, Object>> running);

  /**
   * Reports a finished trial that has a value of the sweep's metric: one that completed, or one
   * that a trial scheduler stopped early. Strategies that do not learn, as grid and random search,
   * ignore it. Trials that failed or diverged are not told.
   */
  default void tell(Map<String, Object> params, TrialResult result) {}
}
