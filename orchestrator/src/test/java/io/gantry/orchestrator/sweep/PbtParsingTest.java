package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code method: pbt}, {@code population} and {@code pbt:}, read and checked. */
class PbtParsingTest {

  /** Valid; the tests change one line. */
  private static final String PBT =
      """
      name: t
      model: gan
      dataset: fashion-mnist
      method: pbt
      population: 8
      metric: {name: val/fid, goal: minimize}
      budget: {epochs: 4}
      parameters:
        lr_g: {distribution: log_uniform, min: 1.0e-5, max: 1.0e-3}
        k_disc_steps: {values: [1, 2, 3]}
        latent_dim: {value: 16}
      """;

  @Test
  void thePopulationIsTheTrialsAndTheBlockHasRayTunesDefaults() {
    SweepSpec spec = parse(PBT);
    assertEquals(Method.PBT, spec.method());
    assertEquals(8, spec.maxTrials());
    assertEquals(Optional.of(new PbtSettings(8, 1, 0.25, List.of(0.8, 1.2), 0.25)), spec.pbt());
    assertEquals(
        Optional.of(new PbtSettings(8, 2, 0.5, List.of(0.5, 2.0), 0.0)),
        parse(PBT + "pbt: {interval: {epochs: 2}, quantile: 0.5, perturb: [0.5, 2], resample_probability: 0}\n").pbt());
    assertEquals(Optional.empty(), parse(SweepFiles.VALID).pbt());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pbt: {quantile: 0.6}                        | 12 | 17 | pbt.quantile             | expected a share above 0 and at most 0.5, got 0.6",
        "pbt: {perturb: []}                          | 12 | 16 | pbt.perturb              | expected at least one factor",
        "pbt: {perturb: [1.2, 0]}                    | 12 | 22 | pbt.perturb[1]           | expected a factor above 0, got 0.0",
        "pbt: {resample_probability: 2}              | 12 | 29 | pbt.resample_probability | expected a probability from 0 to 1, got 2.0",
        "pbt: {interval: {epochs: 1, steps: 100}}    | 12 | 29 | pbt.interval.steps       | unknown key \"steps\"",
        "max_trials: 10                              | 12 | 13 | max_trials               | give population, not max_trials",
      })
  void wrongSettingsPointAtTheirKey(String line, int row, int column, String key, String message) {
    assertOnlyError(PBT + line + "\n", row, column, key, message);
  }

  @Test
  void aParameterThatShapesTheNetworksCannotVary() {
    assertOnlyError(
        PBT.replace("latent_dim: {value: 16}", "latent_dim: {values: [8, 16]}"), 11, 15, "parameters.latent_dim",
        "latent_dim cannot change while a trial trains, so PBT cannot vary it; fix it with {value: ...}. PBT varies beta1, beta2,");
  }

  @Test
  void membersAreComparedAsEpochsEndByAHeldOutMetric() {
    assertOnlyError(PBT.replace("budget: {epochs: 4}", "budget: {steps: 400}"), 7, 9, "budget", "give budget: {epochs: N}");
    assertOnlyError(PBT.replace("val/fid", "train/loss_d"), 6, 9, "metric", "by a held-out val/ metric, not train/loss_d");
    assertOnlyError(PBT.replace("population: 8\n", ""), 1, 1, "population", "missing required key");
  }

  @Test
  void theKeysBelongToMethodPbt() {
    assertOnlyError(SweepFiles.VALID + "population: 4\n", 10, 13, "population", "only for method: pbt, not grid");
  }
}
