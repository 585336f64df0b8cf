package io.gantry.orchestrator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset forms, with IDX files relative to the sweep file's folder. */
class DatasetSpecParsingTest {

  @TempDir Path dir;
  private Path sweepFile;

  @BeforeEach
  void createFiles() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    for (String name : List.of("train-img", "train-lbl", "test-img", "test-lbl")) {
      Files.writeString(dir.resolve("data").resolve(name), "");
    }
    sweepFile = dir.resolve("sweeps").resolve("idx.yaml");
    Files.createDirectories(sweepFile.getParent());
  }

  /** A valid sweep file with {@code datasetLine} on line 3. */
  private static String sweepWith(String datasetLine) {
    return SweepFiles.withLine("dataset: fashion-mnist", datasetLine);
  }

  private SweepSpec parse(String datasetLine) {
    return SweepSpecParser.parse(sweepWith(datasetLine), sweepFile);
  }

  private SpecError onlyError(String datasetLine) {
    List<SpecError> errors =
        assertThrows(SweepSpecException.class, () -> parse(datasetLine)).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals(sweepFile.toString(), errors.get(0).file());
    return errors.get(0);
  }

  private void assertOnlyError(String datasetLine, int column, String key, String messagePart) {
    SpecError error = onlyError(datasetLine);
    assertEquals(
        3 + ":" + column + " " + key,
        error.line() + ":" + error.column() + " " + error.key(),
        error::toString);
    assertTrue(error.message().contains(messagePart), error::toString);
  }

  @Test
  void idxPathsResolveAgainstTheSweepFilesFolder() {
    DatasetSpec dataset =
        parse(
                "dataset: {format: idx, images: ../data/train-img, labels: ../data/train-lbl,"
                    + " test_images: ../data/test-img, test_labels: ../data/test-lbl,"
                    + " train_limit: 500, test_limit: 100}")
            .dataset();

    Path data = dir.resolve("data").toAbsolutePath();
    assertEquals(
        DatasetSpec.idx(
                data.resolve("train-img").toString(),
                data.resolve("train-lbl").toString(),
                data.resolve("test-img").toString(),
                data.resolve("test-lbl").toString())
            .withLimits(500, 100),
        dataset);
  }

  @Test
  void missingFileIsNamedByItsField() {
    String line =
        "dataset: {format: idx, images: ../data/train-img, labels: ../data/train-lbl,"
            + " test_images: ../data/nope, test_labels: ../data/test-lbl}";
    SpecError error = onlyError(line);

    assertEquals("dataset.test_images", error.key());
    assertEquals(line.indexOf("../data/nope") + 1, error.column());
    assertEquals("file not found: " + dir.resolve("data/nope").toAbsolutePath(), error.message());
  }

  @Test
  void idxNeedsAllFourFiles() {
    List<SpecError> errors =
        assertThrows(
                SweepSpecException.class,
                () -> parse("dataset: {format: idx, images: ../data/train-img}"))
            .errors();

    assertEquals(
        List.of("dataset.labels", "dataset.test_images", "dataset.test_labels"),
        errors.stream().map(SpecError::key).toList());
    assertTrue(errors.stream().allMatch(e -> e.message().equals("missing required key")));
    assertTrue(errors.stream().allMatch(e -> e.line() == 3 && e.column() == 10));
  }

  @Test
  void unknownDatasetNameSuggestsAKnownOne() {
    assertOnlyError(
        "dataset: fashion_mnist",
        10,
        "dataset",
        "unknown dataset \"fashion_mnist\"; did you mean \"fashion-mnist\"?");
    assertOnlyError(
        "dataset: {name: mnist}", 17, "dataset.name", "expected one of fashion-mnist, gaussian-2d");
    assertOnlyError("dataset: idx", 10, "dataset", "idx data needs its files");
    assertOnlyError("dataset: {format: csv}", 19, "dataset.format", "unknown format \"csv\"");
  }

  @Test
  void keysOfTheOtherFormAreUnknown() {
    assertOnlyError(
        "dataset: {name: fashion-mnist, images: ../data/train-img}",
        32,
        "dataset.images",
        "unknown key \"images\"");
    assertOnlyError(
        "dataset: {train_limit: 5}",
        10,
        "dataset",
        "expected name: fashion-mnist | gaussian-2d | mixture-1d, or format: idx");
  }

  @Test
  void limitsAreNonNegativeIntegers() {
    assertOnlyError(
        "dataset: {name: fashion-mnist, test_limit: -1}",
        44,
        "dataset.test_limit",
        "expected a non-negative integer, got -1");
  }
}
