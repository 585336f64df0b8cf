package io.gantry.orchestrator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every sweep file users start from must parse as is. Tests run in orchestrator/. */
class ExperimentsTest {

  private static final Path EXPERIMENTS = Path.of("..", "experiments");

  private static List<Path> sweepFiles() throws IOException {
    try (Stream<Path> files = Files.list(EXPERIMENTS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExperimentParses() throws IOException {
    List<Path> files = sweepFiles();
    assertTrue(files.size() >= 4, "experiments/ holds " + files);
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(), () -> SweepSpecParser.parse(file)));
  }

  @Test
  void quickstartIsFourTrialsOnTwoWorkers() {
    SweepSpec quickstart = SweepSpecParser.parse(EXPERIMENTS.resolve("quickstart.yaml"));

    assertEquals(Method.GRID, quickstart.method());
    assertEquals(4, quickstart.maxTrials());
    assertEquals(2, quickstart.workers());
  }
}
