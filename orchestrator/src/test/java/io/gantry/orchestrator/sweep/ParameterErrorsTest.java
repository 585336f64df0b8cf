package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.withLine;

import org.junit.jupiter.api.Test;

/** Errors in the parameters section, checked against the model's parameter table. */
class ParameterErrorsTest {

  private static final String LATENT_DIM_LINE = "  latent_dim: {values: [8, 16]}";
  private static final String LR_LINE = "  lr: {value: 0.001}";
  private static final String GAN =
      """
      name: g
      model: gan
      dataset: fashion-mnist
      method: grid
      metric: {name: train/loss_g, goal: minimize}
      budget: {epochs: 1}
      parameters:
      """;

  /** The valid file, random search, with the lr line (line 9) replaced. */
  private static String randomWith(String line9) {
    return withLine(LR_LINE, line9).replace("method: grid", "method: random");
  }

  /** The valid file, random search, with the latent_dim line (line 8) replaced. */
  private static String randomWithLatentDim(String line8) {
    return withLine(LATENT_DIM_LINE, line8).replace("method: grid", "method: random");
  }

  private static int columnOf(String line, String token) {
    return line.indexOf(token) + 1;
  }

  @Test
  void nonNumericBoundNamesTheBound() {
    String line = "  lr: {min: abc, max: 0.1}";
    assertOnlyError(randomWith(line), 9, 13, "parameters.lr.min", "expected a number, got \"abc\"");
    assertOnlyError(randomWith(line), 9, columnOf(line, "abc"), "parameters.lr.min", "got \"abc\"");
  }

  @Test
  void emptyRangeIsAnError() {
    String line = "  lr: {min: 0.1, max: 0.01}";
    assertOnlyError(
        randomWith(line),
        9,
        columnOf(line, "0.01"),
        "parameters.lr.max",
        "empty range: max 0.01 is not above min 0.1");
    String same = "  latent_dim: {min: 4, max: 4}";
    assertOnlyError(
        randomWithLatentDim(same),
        8,
        columnOf(same, "4}"),
        "parameters.latent_dim.max",
        "empty range");
  }

  @Test
  void logUniformNeedsAPositiveMin() {
    String line = "  lr: {distribution: log_uniform, min: 0, max: 0.1}";
    assertOnlyError(
        randomWith(line),
        9,
        columnOf(line, "0,"),
        "parameters.lr.min",
        "log_uniform needs min > 0, got 0");
  }

  @Test
  void valuesListMustNotBeEmpty() {
    String line = "  lr: {values: []}";
    assertOnlyError(
        randomWith(line),
        9,
        columnOf(line, "[]"),
        "parameters.lr.values",
        "expected at least one value, got an empty list");
  }

  @Test
  void unknownParameterSuggestsTheModelsOwn() {
    assertOnlyError(
        withLine(LATENT_DIM_LINE, "  lattent_dim: {values: [8, 16]}"),
        8,
        3,
        "parameters.lattent_dim",
        "unknown vae parameter \"lattent_dim\"; did you mean \"latent_dim\"?");
  }

  @Test
  void intParameterRejectsStringsAndFractions() {
    String quoted = "  latent_dim: {values: [8, \"16\"]}";
    assertOnlyError(
        randomWithLatentDim(quoted),
        8,
        columnOf(quoted, "\"16\""),
        "parameters.latent_dim.values[1]",
        "expected an integer, got \"16\"");
    String fraction = "  latent_dim: {value: 2.5}";
    assertOnlyError(
        randomWithLatentDim(fraction),
        8,
        columnOf(fraction, "2.5"),
        "parameters.latent_dim.value",
        "expected an integer, got 2.5");
    String fractionalBound = "  latent_dim: {min: 2, max: 16.5}";
    assertOnlyError(
        randomWithLatentDim(fractionalBound),
        8,
        columnOf(fractionalBound, "16.5"),
        "parameters.latent_dim.max",
        "expected an integer, got 16.5");
  }

  @Test
  void intParameterRejectsContinuousDistributions() {
    String line = "  latent_dim: {distribution: uniform, min: 2, max: 16}";
    assertOnlyError(
        randomWithLatentDim(line),
        8,
        columnOf(line, "uniform"),
        "parameters.latent_dim.distribution",
        "latent_dim takes integers: use int_uniform");
  }

  @Test
  void unknownDistributionIsAnError() {
    String line = "  lr: {distribution: loguniform, min: 0.001, max: 0.1}";
    assertOnlyError(
        randomWith(line),
        9,
        columnOf(line, "loguniform"),
        "parameters.lr.distribution",
        "did you mean \"log_uniform\"?");
  }

  @Test
  void doubleParameterRejectsStrings() {
    String line = "  lr: {value: fast}";
    assertOnlyError(
        randomWith(line),
        9,
        columnOf(line, "fast"),
        "parameters.lr.value",
        "expected a number, got \"fast\"");
  }

  @Test
  void choiceParameterTakesOnlyItsListedStrings() {
    assertOnlyError(
        GAN + "  generator_loss: {values: [non_saturating, minmax]}\n",
        8,
        45,
        "parameters.generator_loss.values[1]",
        "unknown generator_loss \"minmax\"; did you mean \"minimax\"?");
    assertOnlyError(
        GAN + "  generator_loss: {min: 0, max: 1}\n",
        8,
        19,
        "parameters.generator_loss",
        "expected one of non_saturating, minimax; use value or values");
  }

  @Test
  void parameterNeedsExactlyOneForm() {
    assertOnlyError(
        randomWith("  lr: 0.001"),
        9,
        7,
        "parameters.lr",
        "expected {value: x}, {values: [x, y]} or {min: a, max: b}, got 0.001");
    assertOnlyError(
        randomWith("  lr: {value: 0.1, values: [0.1]}"), 9, 7, "parameters.lr", "give only one of");
    assertOnlyError(
        randomWith("  lr: {min: 0.1}"), 9, 7, "parameters.lr.max", "missing required key");
    assertOnlyError(
        randomWith("  lr: {value: 0.1, distrbution: uniform}"),
        9,
        20,
        "parameters.lr.distrbution",
        "did you mean \"distribution\"?");
  }

  @Test
  void duplicateListedValueIsAnError() {
    String line = "  lr: {values: [0.001, 1.0e-3]}";
    assertOnlyError(
        randomWith(line),
        9,
        columnOf(line, "1.0e-3"),
        "parameters.lr.values[1]",
        "duplicate value 1.0e-3");
  }

  @Test
  void gridRefusesContinuousRanges() {
    String line = "  lr: {distribution: log_uniform, min: 1.0e-4, max: 1.0e-2}";
    assertOnlyError(
        withLine(LR_LINE, line),
        9,
        7,
        "parameters.lr",
        "grid search needs value, values or an int_uniform range, not log_uniform");
  }
}
