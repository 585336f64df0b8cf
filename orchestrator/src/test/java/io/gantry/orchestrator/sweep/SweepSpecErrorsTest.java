package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.VALID;
import static io.gantry.orchestrator.sweep.SweepFiles.assertError;
import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.errors;
import static io.gantry.orchestrator.sweep.SweepFiles.withLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gantry.protocol.catalog.ModelCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors outside the dataset and parameters sections; the valid file's lines are 1 to 9. */
class SweepSpecErrorsTest {

  @Test
  void yamlSyntaxErrorPointsAtTheOffendingCharacter() {
    assertOnlyError(
        withLine("model: vae", "model: vae: x"), 2, 11, "", "mapping values are not allowed here");
  }

  @Test
  void unknownTopLevelKeySuggestsTheClosestOne() {
    assertOnlyError(
        VALID + "max_trial: 3\n",
        10,
        1,
        "max_trial",
        "unknown key \"max_trial\"; did you mean \"max_trials\"?");
  }

  @Test
  void unknownKeyWithNothingCloseListsTheKnownKeys() {
    assertOnlyError(
        VALID + "colour: red\n", 10, 1, "colour", "expected one of name, model, dataset, method");
  }

  @Test
  void unknownNestedKeyIsNamedByItsDottedPath() {
    assertOnlyError(
        withLine("budget: {epochs: 1}", "budget: {epochs: 1, epoch: 2}"),
        6,
        21,
        "budget.epoch",
        "did you mean \"epochs\"?");
  }

  @Test
  void duplicateKeyIsAnError() {
    assertOnlyError(VALID + "name: u\n", 10, 1, "name", "duplicate key");
  }

  @Test
  void missingRequiredKeysAreEachReportedAtTheirMapping() {
    List<SpecError> errors =
        errors(withLine("model: vae", "").replace("budget: {epochs: 1}\n", ""));

    assertEquals(2, errors.size(), errors::toString);
    assertError(errors.get(0), 1, 1, "model", "missing required key");
    assertError(errors.get(1), 1, 1, "budget", "missing required key");
    assertOnlyError(
        withLine("metric: {name: val/elbo, goal: maximize}", "metric: {name: val/elbo}"),
        5,
        9,
        "metric.goal",
        "missing required key");
  }

  @Test
  void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
    assertOnlyError(
        withLine("metric: {name: val/elbo, goal: maximize}", "metric: val/elbo"),
        5,
        9,
        "metric",
        "expected {name: metric, goal: minimize | maximize}, got \"val/elbo\"");
    assertOnlyError(
        withLine("budget: {epochs: 1}", "budget: {epochs: abc}"),
        6,
        18,
        "budget.epochs",
        "expected a positive integer, got \"abc\"");
    assertOnlyError(
        VALID + "seed: 1.5\n", 10, 7, "seed", "expected a non-negative integer, got 1.5");
    assertOnlyError(
        withLine("name: t", "name: [t]"), 1, 7, "name", "expected a string, got a list");
  }

  @Test
  void nameMustBeUsableAsAnIdentifier() {
    assertOnlyError(
        withLine("name: t", "name: my sweep"), 1, 7, "name", "expected letters, digits");
  }

  @Test
  void unknownModelSuggestsAKnownOne() {
    assertOnlyError(
        withLine("model: vae", "model: vea"),
        2,
        8,
        "model",
        "unknown model \"vea\"; did you mean \"vae\"?");
    assertOnlyError(
        withLine("model: vae", "model: transformer"),
        2,
        8,
        "model",
        "expected one of " + String.join(", ", ModelCatalog.models().stream().sorted().toList()));
  }

  @Test
  void unknownMethodIsAnError() {
    assertOnlyError(
        withLine("method: grid", "method: gird"), 4, 9, "method", "did you mean \"grid\"?");
    assertOnlyError(
        withLine("method: grid", "method: bayes"), 4, 9, "method", "expected one of grid, random, tpe, nsga2");
  }

  @Test
  void metricMustBeOneTheModelReportsOnThatData() {
    assertOnlyError(
        withLine(
            "metric: {name: val/elbo, goal: maximize}",
            "metric: {name: val/elbow, goal: maximize}"),
        5,
        16,
        "metric.name",
        "unknown metric \"val/elbow\"; did you mean \"val/elbo\"?");
    assertOnlyError(
        withLine(
            "metric: {name: val/elbo, goal: maximize}",
            "metric: {name: val/mean_error, goal: maximize}"),
        5,
        16,
        "metric.name",
        "expected one of train/kl, train/loss, train/recon, val/class_entropy,"
            + " val/classes_covered, val/elbo, val/fid");
  }

  @Test
  void goalMustBeMinimizeOrMaximize() {
    assertOnlyError(
        withLine(
            "metric: {name: val/elbo, goal: maximize}", "metric: {name: val/elbo, goal: maximise}"),
        5,
        32,
        "metric.goal",
        "did you mean \"maximize\"?");
    assertOnlyError(
        withLine("metric: {name: val/elbo, goal: maximize}", "metric: {name: val/elbo, goal: up}"),
        5,
        32,
        "metric.goal",
        "expected one of minimize, maximize");
  }

  @Test
  void budgetIsExactlyOnePositiveEpochsOrSteps() {
    assertOnlyError(
        withLine("budget: {epochs: 1}", "budget: {epochs: 1, steps: 10}"),
        6,
        9,
        "budget",
        "expected exactly one of epochs or steps");
    assertOnlyError(
        withLine("budget: {epochs: 1}", "budget: {}"),
        6,
        9,
        "budget",
        "expected exactly one of epochs or steps");
    assertOnlyError(
        withLine("budget: {epochs: 1}", "budget: {steps: 0}"),
        6,
        17,
        "budget.steps",
        "expected a positive integer, got 0");
    assertOnlyError(
        withLine("budget: {epochs: 1}", "budget: {epochs: 10001}"),
        6,
        18,
        "budget.epochs",
        "expected at most 10000, got 10001");
    assertOnlyError(
        withLine("budget: {epochs: 1}", "budget: {steps: 1000000001}"),
        6,
        17,
        "budget.steps",
        "expected at most 1000000000, got 1000000001");
  }

  /** Every string has a length bound: it fits the store, and no message quotes a pasted page. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name: t                                  | name: %s                                  | 100 | 7  | name",
        "model: vae                               | model: %s                                 | 100 | 8  | model",
        "dataset: fashion-mnist                   | dataset: %s                               | 100 | 10 | dataset",
        "dataset: fashion-mnist                   | dataset: {name: %s}                       | 100 | 17 | dataset.name",
        "method: grid                             | method: %s                                | 100 | 9  | method",
        "metric: {name: val/elbo, goal: maximize} | metric: {name: %s, goal: maximize}        | 250 | 16 | metric.name",
        "metric: {name: val/elbo, goal: maximize} | metric: {name: val/elbo, goal: %s}        | 100 | 32 | metric.goal",
      })
  void stringsLongerThanTheirBoundAreErrors(
      String line, String replacement, int most, int column, String key) {
    String yaml = withLine(line.strip(), replacement.strip().formatted("x".repeat(most + 1)));
    assertOnlyError(
        yaml,
        VALID.lines().toList().indexOf(line.strip()) + 1,
        column,
        key,
        "expected at most " + most + " characters, got " + (most + 1));
  }

  @Test
  void aNameFillsItsBoundButNoMore() {
    String longest = "n".repeat(SweepSpec.MOST_NAME_LENGTH);
    assertEquals(longest, SweepFiles.parse(withLine("name: t", "name: " + longest)).name());
    assertOnlyError(
        withLine("name: t", "name: " + "n".repeat(100_000)),
        1,
        7,
        "name",
        "expected at most 100 characters, got 100000");
  }

  @Test
  void anIdxPathLongerThanTheStoreTakesIsAnError() {
    String path = "d/".repeat(500) + "x";
    String yaml =
        withLine(
            "dataset: fashion-mnist",
            "dataset: {format: idx, images: "
                + path
                + ", labels: l, test_images: t, test_labels: u}");
    List<SpecError> images =
        errors(yaml).stream().filter(e -> e.key().equals("dataset.images")).toList();
    assertEquals(1, images.size(), images::toString);
    assertError(images.get(0), 3, 32, "dataset.images", "expected at most 1000 characters, got 1001");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "max_trials: 0           | 13 | max_trials        | expected a positive integer, got 0",
        "max_trials: 100001      | 13 | max_trials        | expected at most 100000, got 100001",
        "seed: 4294967296        | 7  | seed              | expected at most 4294967295, got 4294967296",
        "workers: 1025           | 10 | workers           | expected at most 1024, got 1025",
        "threads_per_trial: 1025 | 20 | threads_per_trial | expected at most 1024, got 1025",
        "report_every: 1000001   | 15 | report_every      | expected at most 1000000, got 1000001",
        "workers: -1             | 10 | workers           | expected a non-negative integer, got"
            + " -1",
        "seed: -1                | 7  | seed              | expected a non-negative integer, got"
            + " -1",
        "threads_per_trial: 0    | 20 | threads_per_trial | expected a positive integer, got 0",
        "report_every: two       | 15 | report_every      | expected a positive integer, got"
            + " \"two\"",
      })
  void countsMustBeInRange(String line, int column, String key, String message) {
    assertOnlyError(VALID + line + "\n", 10, column, key, message);
  }

  @Test
  void allErrorsOfAFileAreReportedInFileOrder() {
    String yaml =
        withLine("method: grid", "method: gird")
                .replace("budget: {epochs: 1}", "budget: {epochs: 0}")
            + "bogus: 1\n";

    List<SpecError> errors = errors(yaml);

    assertEquals(3, errors.size(), errors::toString);
    assertError(errors.get(0), 4, 9, "method", "unknown method");
    assertError(errors.get(1), 6, 18, "budget.epochs", "positive integer");
    assertError(errors.get(2), 10, 1, "bogus", "unknown key");
  }

  @Test
  void fileThatIsNotAMappingOrIsEmptyIsAnError() {
    assertOnlyError("- name: t\n", 1, 1, "", "expected a mapping of sweep settings, got a list");
    SpecError empty = SweepFiles.onlyError("# nothing here\n");
    assertEquals("sweeps/x.yaml: the file is empty", empty.toString());
  }

  @Test
  void unreadableFileIsOneErrorNamingIt() {
    Path missing = Path.of("no/such/sweep.yaml");

    SweepSpecException e =
        assertThrows(SweepSpecException.class, () -> SweepSpecParser.parse(missing));

    assertEquals(1, e.errors().size());
    assertEquals("no/such/sweep.yaml", e.errors().get(0).file());
    assertEquals(0, e.errors().get(0).line());
  }

  @Test
  void gridOfMoreTrialsThanASweepRunsNeedsMaxTrials() {
    String yaml =
        withLine("  lr: {value: 0.001}", "  hidden_dim: {min: 1, max: 1000}")
            .replace("latent_dim: {values: [8, 16]}", "latent_dim: {min: 1, max: 2000}");

    assertOnlyError(
        yaml, 1, 1, "max_trials", "the grid has more than 100000 points, the most trials a sweep runs; set max_trials");
    assertEquals(5, SweepFiles.parse(yaml + "max_trials: 5\n").maxTrials());
  }
}
