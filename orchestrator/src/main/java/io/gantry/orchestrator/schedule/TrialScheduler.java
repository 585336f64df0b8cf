package io.gantry.orchestrator.schedule;

import java.util.Collection;
import java.util.OptionalDouble;

/**
 * Decides, each time a running trial reports the sweep's metric, whether it goes on or stops, as
 * Optuna's pruners and Ray Tune's trial schedulers do. Schedulers keep no state: every decision is
 * a function of the trials' histories, which the coordinator holds in its immutable sweep state,
 * so a decision never waits for a straggler and reads the same after a coordinator restart. A new
 * algorithm is one class implementing this interface and a case in {@link
 * TrialSchedulers#forSpec}.
 */
public interface TrialScheduler {

  /**
   * Whether {@code trial}, whose latest report is the one just made, goes on.
   *
   * @param trial the reporting trial, with every report of the sweep's metric it has made
   * @param trials every trial of the sweep that has reported the metric, finished ones included,
   *     {@code trial} among them
   */
  Decision onReport(TrialHistory trial, Collection<TrialHistory> trials);

  /** One line for people: the rule and where it decides, such as its rungs. */
  String describe();

  /**
   * The training {@code trials} trials of {@code budget} each would take if the rule stopped
   * them as it nominally does (a 1/factor share promoted at every rung), in the unit of the
   * budget; empty when the rule cannot say beforehand.
   */
  OptionalDouble nominalCost(int trials, long budget);
}
