package io.gantry.orchestrator.sweep;

/**
 * The {@code tpe:} settings of a sweep whose method is {@code tpe}, named and defaulted as
 * Optuna's {@code TPESampler} does.
 *
 * @param startupTrials {@code n_startup_trials}: trials drawn at random before TPE takes over
 * @param eiCandidates {@code n_ei_candidates}: values drawn from the good trials' density, of
 *     which the one with the best ratio of good to bad density is proposed
 * @param gamma the share of the trials so far that count as good, at most 25 of them
 */
public record TpeSettings(int startupTrials, int eiCandidates, double gamma) {

  /** Optuna's defaults: 10 random trials, 24 candidates, the best 10 %. */
  public static final TpeSettings DEFAULT = new TpeSettings(10, 24, 0.1);

  public TpeSettings {
    if (startupTrials < 0 || eiCandidates < 1 || !(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException(
          "bad TPE settings: " + startupTrials + ", " + eiCandidates + ", " + gamma);
    }
  }
}
