package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.SOURCE;
import static io.gantry.orchestrator.sweep.SweepFiles.VALID;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static io.gantry.orchestrator.sweep.SweepFiles.withLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Distribution;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecParserTest {

  @Test
  void fullFileParsesToTheExpectedSpec() {
    String yaml =
        """
        name: vae-full
        model: vae
        dataset: {name: fashion-mnist, train_limit: 5000, test_limit: 1000}
        method: random
        metric: {name: val/elbo, goal: maximize}
        budget: {steps: 2000}
        parameters:
          latent_dim: {values: [2, 8]}
          lr: {distribution: log_uniform, min: 1e-4, max: 1.0e-2}
          hidden_dim: {min: 64, max: 512}
          batch_size: {value: 64}
        max_trials: 12
        seed: 42
        workers: 3
        threads_per_trial: 2
        report_every: 25
        """;
    Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
    parameters.put("latent_dim", new Choice(List.of(2, 8)));
    parameters.put("lr", new Range(Distribution.LOG_UNIFORM, 1e-4, 1e-2));
    parameters.put("hidden_dim", new Range(Distribution.INT_UNIFORM, 64, 512));
    parameters.put("batch_size", new Fixed(64));
    SweepSpec expected =
        new SweepSpec(
            "vae-full",
            "vae",
            DatasetSpec.named("fashion-mnist").withLimits(5000, 1000),
            Method.RANDOM,
            List.of(new MetricGoal("val/elbo", Goal.MAXIMIZE)),
            Budget.ofSteps(2000),
            parameters,
            12,
            42,
            3,
            2,
            25,
            Optional.empty(),
            TpeSettings.DEFAULT,
            Nsga2Settings.DEFAULT,
            Optional.empty(),
            Optional.empty(),
            SOURCE,
            yaml,
            Resources.ANY.withThreads(2),
            Scheduling.DEFAULT,
            List.of());

    SweepSpec spec = parse(yaml);

    assertEquals(expected, spec);
    assertEquals(
        List.of("latent_dim", "lr", "hidden_dim", "batch_size"),
        List.copyOf(spec.parameters().keySet()));
  }

  @Test
  void optionalSettingsTakeTheirDefaults() {
    SweepSpec spec = parse(VALID);

    assertEquals(Budget.ofEpochs(1), spec.budget());
    assertEquals(DatasetSpec.named("fashion-mnist"), spec.dataset());
    assertEquals(2, spec.maxTrials(), "a grid runs all its points");
    assertEquals(0, spec.seed());
    assertEquals(0, spec.workers());
    assertEquals(1, spec.threadsPerTrial());
    assertEquals(SweepSpec.DEFAULT_REPORT_EVERY, spec.reportEvery());
  }

  @Test
  void randomSearchRunsTenTrialsUnlessTold() {
    SweepSpec spec = parse(withLine("method: grid", "method: random"));

    assertEquals(SweepSpec.DEFAULT_RANDOM_TRIALS, spec.maxTrials());
  }

  @Test
  void gridMaxTrialsCutsTheGridButNeverExtendsIt() {
    assertEquals(1, parse(VALID + "max_trials: 1\n").maxTrials());
    assertEquals(2, parse(VALID + "max_trials: 50\n").maxTrials());
  }

  @Test
  void parametersMayBeLeftOutOrEmpty() {
    String without = VALID.substring(0, VALID.indexOf("parameters:"));

    assertEquals(Map.of(), parse(without).parameters());
    assertEquals(1, parse(without).maxTrials());
    assertEquals(Map.of(), parse(without + "parameters:\n").parameters());
    assertEquals(Map.of(), parse(without + "parameters: {}\n").parameters());
  }

  /**
   * The valid file as a denoising autoencoder's, with the lr line replaced: its noise_std is a real
   * parameter that takes values from 0 to 10.
   */
  private static String daeWith(String parameterLine) {
    return withLine("  lr: {value: 0.001}", parameterLine)
        .replace("model: vae", "model: dae")
        .replace("{name: val/elbo, goal: maximize}", "{name: val/mse, goal: minimize}");
  }

  @Test
  void rangeDistributionDefaultsFollowTheParameterType() {
    String yaml =
        daeWith("  noise_std: {min: 0, max: 1}")
            .replace("method: grid", "method: random")
            .replace("latent_dim: {values: [8, 16]}", "latent_dim: {min: 2, max: 32}");

    Map<String, ParameterSpec> parameters = parse(yaml).parameters();

    assertEquals(new Range(Distribution.INT_UNIFORM, 2, 32), parameters.get("latent_dim"));
    assertEquals(new Range(Distribution.UNIFORM, 0, 1), parameters.get("noise_std"));
  }

  @Test
  void doubleParametersTakeIntegersAndIntUniformRanges() {
    String yaml =
        withLine("  lr: {value: 0.001}", "  lr: {values: [1, 0.5]}")
            .replace("latent_dim: {values: [8, 16]}", "hidden_dim: {value: 300}");
    String intUniform = daeWith("  noise_std: {distribution: int_uniform, min: 1, max: 3}");

    assertEquals(new Choice(List.of(1.0, 0.5)), parse(yaml).parameters().get("lr"));
    assertEquals(
        new Range(Distribution.INT_UNIFORM, 1, 3),
        parse(intUniform).parameters().get("noise_std"));
    assertEquals(6, parse(intUniform).maxTrials(), "2 latent dims x 3 listed integers");
  }

  @Test
  void datasetNamesMapToTheWorkerKinds() {
    String gan =
        """
        name: t
        model: gan
        dataset: gaussian-2d
        method: grid
        metric: {name: val/mean_error, goal: minimize}
        budget: {epochs: 1}
        """;
    String limited = gan.replace("dataset: gaussian-2d", "dataset: {name: gaussian-2d, train_limit: 1000}");

    assertEquals(DatasetSpec.named("gaussian-2d"), parse(gan).dataset());
    assertEquals(DatasetSpec.named("gaussian-2d").withLimits(1000, 0), parse(limited).dataset());
  }

  @Test
  void aModelThatDoesNotTrainOnTheDatasetIsAnError() {
    SweepSpecException error =
        assertThrows(SweepSpecException.class, () -> parse(withLine("dataset: fashion-mnist", "dataset: gaussian-2d")));
    assertEquals("dataset", error.errors().get(0).key());
    assertTrue(error.getMessage().contains("model vae does not train on gaussian-2d"), error.getMessage());
  }

  @Test
  void parsingAFileKeepsItsPathAndTextAsIs(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sweep.yaml");
    String text = "# a comment the store must keep\n" + VALID;
    Files.writeString(file, text);

    SweepSpec spec = SweepSpecParser.parse(file);

    assertEquals(file, spec.source());
    assertEquals(text, spec.yamlText());
  }

  @Test
  void exceptionMessageListsEveryErrorOnItsOwnLine() {
    String yaml =
        withLine("  lr: {value: 0.001}", "  lr: {min: abc, max: 0.1}") + "max_trials: 0\n";

    SweepSpecException e = assertThrows(SweepSpecException.class, () -> parse(yaml));

    assertEquals(
        "sweeps/x.yaml:9:13: parameters.lr.min: expected a number, got \"abc\"\n"
            + "sweeps/x.yaml:10:13: max_trials: expected a positive integer, got 0",
        e.getMessage());
  }
}
