package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.assertError;
import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.MixtureSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code mixture-1d} data set's mixture and its mistakes, each at its place. */
class MixtureDatasetTest {

  /** A gan sweep on {@code dataset}, which is line 3. */
  private static String ganOn(String dataset) {
    return """
        name: t
        model: gan
        %s
        method: grid
        metric: {name: val/ks, goal: minimize}
        budget: {epochs: 1}
        parameters:
          noise: {value: uniform}
        """
        .formatted(dataset);
  }

  @Test
  void mixtureIsReadWithDefaultsForWhatIsLeftOut() {
    DatasetSpec named = SweepFiles.parse(ganOn("dataset: mixture-1d")).dataset();
    assertEquals(DatasetSpec.named(DatasetSpec.MIXTURE_1D), named);
    assertEquals(MixtureSpec.DEFAULT, named.mixture());

    String line = "dataset: {name: mixture-1d, means: [-1, 1], stds: [0.2, 0.3], test_limit: 9}";
    DatasetSpec given = SweepFiles.parse(ganOn(line)).dataset();
    assertEquals(
        new MixtureSpec(List.of(0.3, 0.7), List.of(-1.0, 1.0), List.of(0.2, 0.3)), given.mixture());
    assertEquals(9, given.testLimit());
  }

  @Test
  void badMixturesNameTheKeyLineAndColumn() {
    assertOnlyError(
        ganOn("dataset: {name: mixture-1d, stds: [0.5, 0]}"),
        3,
        41,
        "dataset.stds[1]",
        "expected a std in (0, 1000000], got 0");
    assertOnlyError(
        ganOn("dataset: {name: mixture-1d, weights: [0.5, 0.6]}"),
        3,
        38,
        "dataset.weights",
        "weights must sum to 1, got 1.1");
    assertOnlyError(
        ganOn("dataset: {name: mixture-1d, weights: [1.2, -0.2]}"),
        3,
        39,
        "dataset.weights[0]",
        "expected a weight in (0, 1]");
    assertOnlyError(
        ganOn("dataset: {name: mixture-1d, means: [1, 2, 3]}"),
        3,
        36,
        "dataset.means",
        "expected 2 numbers, one per component, got 3");
    assertOnlyError(
        ganOn("dataset: {name: mixture-1d, means: [1, abc]}"),
        3,
        40,
        "dataset.means[1]",
        "expected a number");
    assertOnlyError(
        ganOn("dataset: {name: mixture-1d, means: 1}"),
        3,
        36,
        "dataset.means",
        "expected a list");
  }

  @Test
  void mixtureKeysBelongToTheMixtureAlone() {
    // (and val/ks is no metric of gaussian-2d)
    List<SpecError> unknown =
        SweepFiles.errors(ganOn("dataset: {name: gaussian-2d, means: [1, 2]}"));
    assertError(unknown.get(0), 3, 30, "dataset.means", "unknown key \"means\"");
    // several mistakes at once, each at its place
    List<SpecError> errors =
        SweepFiles.errors(
            ganOn("dataset: {name: mixture-1d, stds: [-1, 1], weights: [0.9, 0.9]}"));
    assertEquals(2, errors.size(), errors::toString);
    assertError(errors.get(0), 3, 36, "dataset.stds[0]", "expected a std");
    assertError(errors.get(1), 3, 53, "dataset.weights", "weights must sum to 1");
  }
}
