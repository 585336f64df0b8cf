package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.assertError;
import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.errors;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static io.gantry.orchestrator.sweep.SweepFiles.withLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void aCategoricalValueHasALengthBound() {
    String line = "  generator_loss: {value: " + "m".repeat(101) + "}";
    assertOnlyError(
        GAN + line + "\n",
        8,
        columnOf(line, "mmm"),
        "parameters.generator_loss.value",
        "expected at most 100 characters, got 101");
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

  /** Line 8 of a GAN grid; the error points at {@code token} in it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "k_disc_steps: {value: 0}             | 0}     | parameters.k_disc_steps.value     | 0 is below the least value 1 of k_disc_steps",
        "k_disc_steps: {value: 1000000000}    | 1000   | parameters.k_disc_steps.value     | 1000000000 is above the greatest value 100 of k_disc_steps",
        "batch_size: {value: 0}               | 0}     | parameters.batch_size.value       | 0 is below the least value 1 of batch_size",
        "latent_dim: {value: 0}               | 0}     | parameters.latent_dim.value       | 0 is below the least value 1 of latent_dim",
        "d_hidden: {value: 0}                 | 0}     | parameters.d_hidden.value         | 0 is below the least value 1 of d_hidden",
        "lr_d: {values: [0.05, -0.5]}         | -0.5   | parameters.lr_d.values[1]         | -0.5 is not above the exclusive lower bound 0 of lr_d",
        "lr_g: {values: [2.0e-4, 1.5]}        | 1.5    | parameters.lr_g.values[1]         | 1.5 is above the greatest value 1 of lr_g",
        "beta1: {value: 1}                    | 1}     | parameters.beta1.value            | 1 is not below the exclusive upper bound 1 of beta1",
        "fid_samples: {values: [0, 1]}        | 1]     | parameters.fid_samples.values[1]  | 1 is below the least value 2 of fid_samples (or 0)",
        "fid_samples: {min: 0, max: 500}      | 0,     | parameters.fid_samples.min        | 0 is below the least value 2 of fid_samples (0 only as a value, not in a range)",
        "latent_dim: {min: 1, max: 5000}      | 5000   | parameters.latent_dim.max         | 5000 is above the greatest value 4096 of latent_dim",
      })
  void valuesOutsideTheParametersBoundsAreErrors(
      String line, String token, String key, String message) {
    String indented = "  " + line.strip();
    assertOnlyError(GAN + indented + "\n", 8, columnOf(indented, token), key, message);
  }

  @Test
  void bothEndsOfARangeAreChecked() {
    String line = "  lr_d: {min: 0, max: 2}";

    List<SpecError> errors = errors(GAN.replace("method: grid", "method: random") + line + "\n");

    assertEquals(2, errors.size(), errors::toString);
    assertError(
        errors.get(0),
        8,
        columnOf(line, "0,"),
        "parameters.lr_d.min",
        "0 is not above the exclusive lower bound 0 of lr_d");
    assertError(
        errors.get(1),
        8,
        columnOf(line, "2}"),
        "parameters.lr_d.max",
        "2 is above the greatest value 1 of lr_d");
  }

  @Test
  void theBoundsThemselvesAreValuesUnlessExcluded() {
    Map<String, ParameterSpec> parameters =
        parse(
                GAN
                    + "  k_disc_steps: {values: [1, 100]}\n"
                    + "  lr_d: {value: 1}\n"
                    + "  beta1: {value: 0}\n"
                    + "  g_hidden: {value: 0}\n"
                    + "  fid_samples: {values: [0, 2, 100000]}\n")
            .parameters();

    assertEquals(new Choice(List.of(1, 100)), parameters.get("k_disc_steps"));
    assertEquals(new Fixed(1.0), parameters.get("lr_d"));
    assertEquals(new Fixed(0.0), parameters.get("beta1"));
    assertEquals(new Fixed(0), parameters.get("g_hidden"));
    assertEquals(new Choice(List.of(0, 2, 100_000)), parameters.get("fid_samples"));
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
