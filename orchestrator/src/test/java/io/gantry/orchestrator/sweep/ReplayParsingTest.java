package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.protocol.trial.Budget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code method: replay} and its {@code replay:} block, read and checked. */
class ReplayParsingTest {

  /** Valid; the tests change one line. */
  private static final String REPLAY =
      """
      name: t
      model: gan
      dataset: fashion-mnist
      method: replay
      metric: {name: val/fid, goal: minimize}
      budget: {epochs: 4}
      parameters:
        lr_g: {value: 1.0e-4}
        latent_dim: {value: 16}
      replay:
        seed: 12
        changes:
          - {step: 100, params: {lr_g: {value: 1.2e-4}, k_disc_steps: {value: 2}}}
          - {step: 300, params: {lr_g: {value: 9.6e-5}}}
      """;

  @Test
  void oneTrialWithTheFilesParametersThenEachChange() {
    SweepSpec spec = parse(REPLAY);
    assertEquals(Method.REPLAY, spec.method());
    assertEquals(1, spec.maxTrials());
    ReplaySettings replay = spec.replay().orElseThrow();
    assertEquals(12, replay.seed());
    assertEquals(
        List.of(new ReplaySettings.Change(100, Map.of("lr_g", 1.2e-4, "k_disc_steps", 2)), new ReplaySettings.Change(300, Map.of("lr_g", 9.6e-5))),
        replay.changes());
    assertEquals(Optional.empty(), parse(SweepFiles.VALID).replay());
  }

  @Test
  void eachRunEndsAtTheNextChangesStep() {
    ReplaySettings replay = parse(REPLAY).replay().orElseThrow();
    Budget budget = Budget.ofEpochs(4);
    assertEquals(new Budget(4, 100), replay.budgetFrom(0, budget));
    assertEquals(new Budget(4, 300), replay.budgetFrom(100, budget), "from the first change's checkpoint");
    assertEquals(new Budget(4, 300), replay.budgetFrom(250, budget), "after a lost worker, from a checkpoint between");
    assertEquals(budget, replay.budgetFrom(300, budget), "after the last change, the sweep's budget");
    assertEquals(Optional.of(300L), replay.changeAt(300).map(ReplaySettings.Change::step));
    assertEquals(Optional.empty(), replay.changeAt(400));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "latent_dim: {value: 16}|latent_dim: {values: [8, 16]}|9|15|parameters.latent_dim|method: replay takes fixed values",
        "{step: 300,|{step: 100,|14|14|replay.changes[1].step|changes go in increasing steps: the one before is at step 100, this one at 100",
        "{step: 100,|{step: 0,|13|14|replay.changes[0].step|expected a positive integer, got 0",
        "k_disc_steps: {value: 2}|latent_dim: {value: 2}|13|63|replay.changes[0].params.latent_dim|latent_dim cannot change while a trial trains; a change may set beta1",
        "k_disc_steps: {value: 2}|k_disc_steps: {values: [1, 2]}|13|65|replay.changes[0].params.k_disc_steps|a change sets a value",
        "lr_g: {value: 9.6e-5}|lr_g: {value: 2.0}|14|42|replay.changes[1].params.lr_g.value|",
        "{value: 9.6e-5}}}|{value: 9.6e-5}}, at: 1}|14|52|replay.changes[1].at|unknown key \"at\"",
      })
  void wrongSettingsPointAtTheirKey(String from, String to, int row, int column, String key, String message) {
    assertOnlyError(REPLAY.replace(from, to), row, column, key, message == null ? "" : message);
  }

  @Test
  void aReplayTrainsItsOneTrialToTheEnd() {
    assertOnlyError(REPLAY + "max_trials: 2\n", 15, 13, "max_trials", "method: replay trains its one trial to the end; leave out max_trials");
  }

  @Test
  void theBlockBelongsToMethodReplay() {
    assertOnlyError(SweepFiles.VALID + "replay: {seed: 1, changes: []}\n", 10, 9, "replay", "only for method: replay, not grid");
    assertOnlyError(REPLAY.substring(0, REPLAY.indexOf("replay:\n")), 1, 1, "replay", "missing required key");
  }
}
