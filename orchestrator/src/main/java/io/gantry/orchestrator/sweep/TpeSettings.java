package io.gantry.orchestrator.sweep;

/**
 * The {@code tpe:} settings of a sweep whose method is {@code tpe}, named and defaulted as
 * Optuna's {@code TPESampler} does.
 *
 * @param startupTrials {@code n_startup_trials}: trials drawn at random before TPE takes over
 * @param eiCandidates {@code n_ei_candidates}: values drawn from the good trials' density, of
 *     which the one with the best ratio of good to bad density is proposed
 * @param gamma the share of the trials so far that count as good, at most 25 of them
 * @param constantLiar {@code constant_liar}: trials proposed and not yet ended count as bad ones,
 *     so that workers asking at once are sent to different places
 * @param multivariate {@code multivariate}: one estimator over all the parameters together, which
 *     sees how they interact, instead of one per parameter
 */
public record TpeSettings(
    int startupTrials, int eiCandidates, double gamma, boolean constantLiar, boolean multivariate) {

  /**
   * Optuna's defaults: 10 random trials, 24 candidates, the best 10 %, one estimator per
   * parameter; but the constant liar on, as Optuna plans it for version 5, since a sweep almost
   * always has several workers asking at once.
   */
  public static final TpeSettings DEFAULT = new TpeSettings(10, 24, 0.1, true, false);

  public TpeSettings {
    if (startupTrials < 0 || eiCandidates < 1 || !(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException(
          "bad TPE settings: " + startupTrials + ", " + eiCandidates + ", " + gamma);
    }
  }
}
