package io.gantry.orchestrator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset's {@code input_images} and {@code test_input_images}, the inputs of pix2pix's {@code
 * task: paired}: read with the set, and refused where the task or the files are missing, or where
 * nothing would read the files.
 */
class PairedInputsParsingTest {

  private static final String IDX =
      "dataset: {format: idx, images: images, labels: labels, test_images: images, test_labels: labels";
  private static final String INPUTS = ", input_images: inputs, test_input_images: inputs}";

  @TempDir Path dir;

  @BeforeEach
  void writeFiles() throws Exception {
    byte[] images = {0, 0, 0x08, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 7};
    Files.write(dir.resolve("images"), images);
    Files.write(dir.resolve("inputs"), images);
    Files.write(dir.resolve("labels"), new byte[] {0, 0, 0x08, 1, 0, 0, 0, 1, 0});
  }

  @Test
  void pairedTrialsReadTheInputFilesBesideTheImages() throws Exception {
    SweepSpec spec = parse(sweep(IDX + INPUTS, "task: {value: paired}"));

    assertEquals(dir.resolve("inputs").toString(), spec.dataset().trainInputs());
    assertEquals(dir.resolve("inputs").toString(), spec.dataset().testInputs());
    // the same images translated from their own inputs and from their edges, side by side
    SweepSpec compared = parse(sweep(IDX + INPUTS, "task: {values: [edges, paired]}"));
    assertTrue(compared.dataset().hasInputs());
  }

  @Test
  void taskPairedWithoutInputFilesIsRefusedAtTheTask() throws Exception {
    String yaml = sweep(IDX + "}", "task: {value: paired}");

    SpecError error = onlyError(yaml);

    assertEquals("8:9 parameters.task", error.line() + ":" + error.column() + " " + error.key());
    assertTrue(error.message().contains("input_images: P, test_input_images: P"), error::toString);
    CliRun validate = CliRun.gantry("validate", write(yaml).toString());
    assertEquals(2, validate.code(), validate::toString);
    assertTrue(validate.err().contains("x.yaml:8:9: parameters.task: task paired"), validate::toString);
  }

  @Test
  void oneSplitsInputsWithoutTheOthersAreMissingAtTheOtherKey() throws Exception {
    SpecError error = onlyError(sweep(IDX + ", input_images: inputs}", "task: {value: paired}"));

    assertEquals("dataset.test_input_images", error.key());
    assertEquals("missing required key", error.message());
  }

  @Test
  void inputFilesNoTrialReadsAreRefusedAtTheFiles() throws Exception {
    String line = IDX + INPUTS;
    int column = line.indexOf("inputs,") + 1;

    SpecError edges = onlyError(sweep(line, "task: {value: edges}"));
    SpecError byDefault = onlyError(sweep(line, "l1_weight: {value: 10}"));
    SpecError vae =
        onlyError(
            sweep(line, "lr: {value: 0.001}")
                .replace("model: pix2pix", "model: vae")
                .replace("val/l1, goal: minimize", "val/elbo, goal: maximize"));

    for (SpecError error : List.of(edges, byDefault, vae)) {
      assertEquals("3:" + column + " dataset.input_images", error.line() + ":" + error.column() + " " + error.key());
    }
    assertEquals("no trial reads the input images: only task paired does, and the sweep's task is edges", edges.message());
    assertEquals(edges.message(), byDefault.message());
    assertEquals("the input images are pix2pix's, for task: paired; model vae does not read them", vae.message());
  }

  @Test
  void namedSetsHaveNoInputFiles() {
    SpecError error =
        onlyError(sweep("dataset: {name: fashion-mnist, input_images: inputs}", "task: {value: edges}"));

    assertEquals("dataset.input_images", error.key());
    assertTrue(error.message().startsWith("unknown key \"input_images\""), error::toString);
  }

  private static String sweep(String dataset, String parameter) {
    return String.join(
        "\n",
        "name: t",
        "model: pix2pix",
        dataset,
        "method: grid",
        "metric: {name: val/l1, goal: minimize}",
        "budget: {epochs: 1}",
        "parameters:",
        "  " + parameter,
        "");
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("x.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private SweepSpec parse(String yaml) throws Exception {
    return SweepSpecParser.parse(yaml, write(yaml));
  }

  private SpecError onlyError(String yaml) {
    List<SpecError> errors = assertThrows(SweepSpecException.class, () -> parse(yaml)).errors();
    assertEquals(1, errors.size(), errors::toString);
    return errors.get(0);
  }
}
