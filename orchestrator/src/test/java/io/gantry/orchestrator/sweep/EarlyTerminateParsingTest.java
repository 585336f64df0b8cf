package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.EarlyTerminate.Asha;
import io.gantry.orchestrator.sweep.EarlyTerminate.Hyperband;
import io.gantry.orchestrator.sweep.EarlyTerminate.Judging;
import io.gantry.orchestrator.sweep.EarlyTerminate.DiscriminatorWon;
import io.gantry.orchestrator.sweep.EarlyTerminate.Median;
import io.gantry.orchestrator.sweep.EarlyTerminate.Patience;
import io.gantry.orchestrator.sweep.EarlyTerminate.StopOn;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code early_terminate}, {@code method: tpe} and {@code tpe:}, read and checked. */
class EarlyTerminateParsingTest {

  private static final Judging BEST = new Judging(true, 1, StopOn.NONE);

  /** Valid; the tests add line 8. */
  private static final String SWEEP =
      """
      name: t
      model: vae
      dataset: fashion-mnist
      method: tpe
      metric: {name: val/elbo, goal: maximize}
      budget: {epochs: 9}
      parameters: {lr: {distribution: log_uniform, min: 1.0e-4, max: 1.0e-2}}
      """;

  private static SweepSpec with(String line) {
    return parse(SWEEP + line + "\n");
  }

  @Test
  void ashaTakesItsMaxFromTheBudgetAndItsFactorDefaultsToThree() {
    assertEquals(
        Optional.of(new Asha(BudgetUnit.EPOCHS, 1, 9, 3, Judging.LAST)),
        with("early_terminate: {type: asha, min_epochs: 1}").earlyTerminate());
    assertEquals(
        Optional.of(new Asha(BudgetUnit.EPOCHS, 2, 8, 2, BEST)),
        with("early_terminate: {type: asha, min_epochs: 2, max_epochs: 8, reduction_factor: 2, use_best: true}")
            .earlyTerminate());
    assertEquals(Optional.empty(), parse(SWEEP).earlyTerminate());
  }

  @Test
  void stepsNeedAMaxWhenTheBudgetCountsEpochs() {
    assertEquals(
        Optional.of(new Asha(BudgetUnit.STEPS, 100, 900, 3, Judging.LAST)),
        with("early_terminate: {type: asha, min_steps: 100, max_steps: 900}").earlyTerminate());
    assertOnlyError(
        SWEEP + "early_terminate: {type: asha, min_steps: 100}\n", 8, 42, "early_terminate.max_steps",
        "missing required key: the budget counts epochs, not steps");
  }

  @Test
  void hyperbandDefaultsToEveryBracketThatFits() {
    assertEquals(
        Optional.of(new Hyperband(BudgetUnit.EPOCHS, 1, 9, 3, 3, Judging.LAST)),
        with("early_terminate: {type: hyperband, min_epochs: 1}").earlyTerminate());
    assertOnlyError(
        SWEEP + "early_terminate: {type: hyperband, min_epochs: 1, brackets: 4}\n", 8, 61,
        "early_terminate.brackets", "at most 3 brackets fit between 1 and 9 epochs with reduction_factor 3");
  }

  @Test
  void medianCountsInTheBudgetsUnitFromTheFirstReportByDefault() {
    assertEquals(
        Optional.of(new Median(BudgetUnit.EPOCHS, 0, 5, Judging.LAST)),
        with("early_terminate: {type: median}").earlyTerminate());
    assertEquals(
        Optional.of(new Median(BudgetUnit.STEPS, 200, 3, BEST)),
        with("early_terminate: {type: median, start_step: 200, min_trials: 3, use_best: true}").earlyTerminate());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{type: asha}                               | 18 | early_terminate.min_epochs      | missing required key (or min_steps)",
        "{type: sha, min_epochs: 1}                 | 25 | early_terminate.type            | did you mean \"asha\"?",
        "{type: asha, min_epochs: 9}                | 43 | early_terminate.min_epochs      | must be below the max (9 epochs)",
        "{type: asha, min_epochs: 1, max_epochs: 12} | 58 | early_terminate.max_epochs     | is above the budget (9 epochs)",
        "{type: asha, min_epochs: 1, max_steps: 12} | 57 | early_terminate.max_steps       | use max_epochs, in the unit of early_terminate.min_epochs",
        "{type: asha, min_epochs: 1, min_steps: 5}  | 57 | early_terminate.min_steps       | give min_epochs or min_steps, not both",
        "{type: asha, min_epochs: 0}                | 43 | early_terminate.min_epochs      | expected a positive integer, got 0",
        "{type: asha, min_epochs: 1, reduction_factor: 1} | 64 | early_terminate.reduction_factor | expected an integer of at least 2, got 1",
        "{type: asha, min_epochs: 1, reduction_factor: 101} | 64 | early_terminate.reduction_factor | expected at most 100, got 101",
        "{type: asha, min_steps: 1, max_steps: 1000000001} | 56 | early_terminate.max_steps | expected at most 1000000000, got 1000000001",
        "{type: median, min_trials: 100001}         | 45 | early_terminate.min_trials      | expected at most 100000, got 100001",
        "{type: asha, min_epochs: 1, use_best: yes please} | 56 | early_terminate.use_best   | expected true or false, got \"yes please\"",
        "{type: median, min_trials: 2, brackets: 3} | 48 | early_terminate.brackets        | unknown key \"brackets\"",
        "{type: median, start_epoch: 9}             | 46 | early_terminate.start_epoch     | must be below the budget (9 epochs)",
        "asha                                       | 18 | early_terminate                 | expected {type: asha | hyperband | median, ...}, got \"asha\"",
      })
  void mistakesNameTheKeyAndPosition(String value, int column, String key, String message) {
    assertOnlyError(SWEEP + "early_terminate: " + value.strip() + "\n", 8, column, key, message);
  }

  @Test
  void patienceSmoothingAndStopOnAreRead() {
    assertEquals(
        Optional.of(new Patience(BudgetUnit.EPOCHS, 5, 0.0, Judging.LAST)),
        with("early_terminate: {type: patience, patience: 5}").earlyTerminate());
    assertEquals(
        Optional.of(new Patience(BudgetUnit.EPOCHS, 3, 0.5, new Judging(false, 4, new StopOn(true, Optional.empty())))),
        with("early_terminate: {type: patience, patience: 3, min_delta: 0.5, smoothing: {window: 4}, stop_on: {nan: true}}")
            .earlyTerminate());
    assertEquals(
        Optional.of(new Asha(BudgetUnit.EPOCHS, 1, 9, 3, new Judging(false, 3, StopOn.NONE))),
        with("early_terminate: {type: asha, min_epochs: 1, smoothing: {window: 3}}").earlyTerminate());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{type: patience}                            | 18 | early_terminate.patience | missing required key",
        "{type: patience, patience: 0}               | 45 | early_terminate.patience | expected a positive integer, got 0",
        "{type: patience, patience: 2, use_best: true} | 48 | early_terminate.use_best | unknown key \"use_best\"",
        "{type: median, smoothing: {window: 0}}      | 53 | early_terminate.smoothing.window | expected a positive integer, got 0",
        "{type: median, smoothing: {window: 2, size: 3}} | 56 | early_terminate.smoothing.size | unknown key \"size\"",
        "{type: median, stop_on: {inf: true}}        | 43 | early_terminate.stop_on.inf | unknown key \"inf\"",
        "{type: median, stop_on: {nan: maybe}}       | 48 | early_terminate.stop_on.nan | expected true or false, got \"maybe\"",
        "{type: median, stop_on: {d_won: {reports: 3}}} | 50 | early_terminate.stop_on.d_won | needs val/d_real and val/d_fake, which the model does not report",
      })
  void mistakesInTheGuardsNameTheKeyAndPosition(String value, int column, String key, String message) {
    assertOnlyError(SWEEP + "early_terminate: " + value.strip() + "\n", 8, column, key, message);
  }

  @Test
  void dWonReadsTheBoundsOfAGan() {
    String gan = SWEEP.replace("model: vae", "model: dcgan").replace("{lr:", "{lr_g:").replace("val/elbo, goal: maximize", "val/fid, goal: minimize");
    assertEquals(
        Optional.of(new Median(BudgetUnit.EPOCHS, 0, 5, new Judging(false, 1, new StopOn(false, Optional.of(new DiscriminatorWon(2, 0.9, 0.05)))))),
        parse(gan + "early_terminate: {type: median, stop_on: {d_won: {reports: 2, d_real_above: 0.9}}}\n").earlyTerminate());
    assertOnlyError(
        gan + "early_terminate: {type: median, stop_on: {d_won: {d_fake_below: 2}}}\n", 8, 65,
        "early_terminate.stop_on.d_won.d_fake_below", "expected a fraction between 0 and 1, got 2");
  }

  @Test
  void epochRulesNeedAHeldOutMetric() {
    String train = SWEEP.replace("val/elbo, goal: maximize", "train/loss, goal: minimize");
    assertOnlyError(
        train + "early_terminate: {type: asha, min_epochs: 1}\n", 8, 43, "early_terminate.min_epochs",
        "epochs end with the held-out val/ metrics, but the sweep's metric train/loss is reported within epochs");
    assertEquals(
        Optional.of(new Asha(BudgetUnit.STEPS, 50, 500, 3, Judging.LAST)),
        parse(train + "early_terminate: {type: asha, min_steps: 50, max_steps: 500}\n").earlyTerminate());
  }

  @Test
  void tpeSettingsAreOptunasByDefaultAndOnlyForTpe() {
    assertEquals(TpeSettings.DEFAULT, parse(SWEEP).tpe());
    assertEquals(Method.TPE, parse(SWEEP).method());
    assertEquals(SweepSpec.DEFAULT_TPE_TRIALS, parse(SWEEP).maxTrials());
    assertEquals(
        new TpeSettings(5, 48, 0.25, true, false), with("tpe: {n_startup_trials: 5, n_ei_candidates: 48, gamma: 0.25}").tpe());
    assertOnlyError(SWEEP + "tpe: {gamma: 1.5}\n", 8, 14, "tpe.gamma", "expected a fraction between 0 and 1, got 1.5");
    assertOnlyError(
        SWEEP + "tpe: {n_startup_trials: 100001}\n", 8, 25, "tpe.n_startup_trials", "expected at most 100000, got 100001");
    assertOnlyError(
        SWEEP + "tpe: {n_ei_candidates: 10001}\n", 8, 24, "tpe.n_ei_candidates", "expected at most 10000, got 10001");
    assertOnlyError(
        SWEEP.replace("method: tpe", "method: random") + "tpe: {gamma: 0.2}\n", 8, 6, "tpe", "only for method: tpe, not random");
  }

  @Test
  void tpeRunsTheConstantLiarByDefaultAndMultivariateOnlyWhenAsked() {
    assertTrue(TpeSettings.DEFAULT.constantLiar());
    assertFalse(TpeSettings.DEFAULT.multivariate());
    assertEquals(
        new TpeSettings(10, 24, 0.1, false, true), with("tpe: {constant_liar: false, multivariate: true}").tpe());
    assertEquals(new TpeSettings(7, 24, 0.1, true, false), with("tpe: {n_startup_trials: 7, constant_liar: true}").tpe());
    assertOnlyError(SWEEP + "tpe: {constant_liar: 1}\n", 8, 22, "tpe.constant_liar", "expected true or false, got 1");
    assertOnlyError(
        SWEEP + "tpe: {multivariate: \"true\"}\n", 8, 21, "tpe.multivariate", "expected true or false, got \"true\"");
  }
}
