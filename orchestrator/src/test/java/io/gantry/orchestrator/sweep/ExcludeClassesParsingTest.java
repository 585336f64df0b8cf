package io.gantry.orchestrator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataset.exclude_classes} and the metric it brings, {@code val/outlier_auroc}. */
class ExcludeClassesParsingTest {

  private static final String METRIC = "metric: {name: val/elbo, goal: maximize}";
  private static final String AUROC = "metric: {name: val/outlier_auroc, goal: maximize}";

  @TempDir Path dir;

  @Test
  void fashionMnistLeavesClassesOutAndTheSweepMayRankByTheOutlierAuroc() {
    String yaml =
        SweepFiles.withLine("dataset: fashion-mnist", "dataset: {name: fashion-mnist, train_limit: 500, exclude_classes: [9, 0]}")
            .replace(METRIC, AUROC);
    SweepSpec spec = SweepFiles.parse(yaml);
    assertEquals(List.of(9, 0), spec.dataset().excludeClasses());
    assertEquals(500, spec.dataset().trainLimit());
    assertEquals("val/outlier_auroc", spec.metric().name());
  }

  @Test
  void classesOutsideTheLabelsOrListedTwiceAreErrorsAtTheirItem() {
    String line = "dataset: {name: fashion-mnist, exclude_classes: [9, 10, 9, -1]}";
    List<SpecError> errors = errors(SweepFiles.withLine("dataset: fashion-mnist", line));
    assertEquals(
        List.of(
            "3:" + (line.indexOf("10") + 1) + " dataset.exclude_classes[1]: class 10 is not a label of fashion-mnist (0 to 9)",
            "3:" + (line.indexOf("9,", line.indexOf("10")) + 1) + " dataset.exclude_classes[2]: class 9 is listed twice",
            "3:" + (line.indexOf("-1") + 1) + " dataset.exclude_classes[3]: expected a non-negative integer, got -1"),
        errors.stream().map(e -> e.line() + ":" + e.column() + " " + e.key() + ": " + e.message()).toList());
  }

  @Test
  void leavingEveryClassOutOrNoneIsAnError() {
    String line = "dataset: {name: fashion-mnist, exclude_classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}";
    SpecError all = onlyError(SweepFiles.withLine("dataset: fashion-mnist", line));
    assertEquals("3:" + (line.indexOf("[") + 1) + " dataset.exclude_classes", all.line() + ":" + all.column() + " " + all.key());
    assertTrue(all.message().contains("leaves out every class"), all::toString);
    SpecError none = onlyError(SweepFiles.withLine("dataset: fashion-mnist", "dataset: {name: fashion-mnist, exclude_classes: []}"));
    assertTrue(none.message().contains("at least one class"), none::toString);
  }

  @Test
  void dataWithoutClassesHasNoneToLeaveOut() {
    String yaml =
        SweepFiles.withLine("dataset: fashion-mnist", "dataset: {name: gaussian-2d, exclude_classes: [1]}")
            .replace("model: vae", "model: ae")
            .replace("  latent_dim: {values: [8, 16]}\n", "  latent_dim: {values: [1, 2]}\n")
            .replace("val/elbo", "val/mse")
            .replace("maximize", "minimize");
    SpecError error = onlyError(yaml);
    assertEquals("dataset.exclude_classes", error.key());
    assertEquals("gaussian-2d has no classes to leave out", error.message());
  }

  @Test
  void anIdxSetsClassesAreTheLabelsItsLabelFileHolds() throws Exception {
    Files.write(dir.resolve("images"), new byte[] {0, 0, 0x08, 3, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4});
    Files.write(dir.resolve("labels"), new byte[] {0, 0, 0x08, 1, 0, 0, 0, 4, 0, 2, 1, 2});
    String idx = "dataset: {format: idx, images: images, labels: labels, test_images: images, test_labels: labels, exclude_classes: ";
    Path file = dir.resolve("idx.yaml");
    SweepSpec spec = SweepSpecParser.parse(SweepFiles.withLine("dataset: fashion-mnist", idx + "[2]}"), file);
    assertEquals(List.of(2), spec.dataset().excludeClasses());

    List<SpecError> errors =
        assertThrows(SweepSpecException.class, () -> SweepSpecParser.parse(SweepFiles.withLine("dataset: fashion-mnist", idx + "[3]}"), file))
            .errors();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("dataset.exclude_classes[0]", errors.get(0).key());
    assertEquals("class 3 is not a label of idx (0 to 2)", errors.get(0).message());
  }

  @Test
  void theOutlierAurocNeedsLeftOutClassesAndAModelThatScoresImages() {
    SpecError withoutClasses = onlyError(SweepFiles.withLine(METRIC, AUROC));
    assertEquals("5:16 metric.name", withoutClasses.line() + ":" + withoutClasses.column() + " " + withoutClasses.key());
    assertTrue(withoutClasses.message().contains("needs dataset.exclude_classes"), withoutClasses::toString);

    String cgan =
        SweepFiles.withLine("dataset: fashion-mnist", "dataset: {name: fashion-mnist, exclude_classes: [9]}")
            .replace("model: vae", "model: cgan")
            .replace(METRIC, AUROC)
            .replace("  lr: {value: 0.001}\n", "");
    SpecError unscored = onlyError(cgan);
    assertEquals("metric.name", unscored.key());
    assertTrue(unscored.message().contains("not reported by cgan"), unscored::toString);
  }

  private static List<SpecError> errors(String yaml) {
    return assertThrows(SweepSpecException.class, () -> SweepFiles.parse(yaml)).errors();
  }

  private static SpecError onlyError(String yaml) {
    List<SpecError> errors = errors(yaml);
    assertEquals(1, errors.size(), errors::toString);
    return errors.get(0);
  }
}
