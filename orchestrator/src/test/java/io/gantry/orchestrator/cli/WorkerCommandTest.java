package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gantry worker}'s options, checked before any worker process starts. */
class WorkerCommandTest {

  @TempDir Path data;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--trials-per-gpu    | 0   | --trials-per-gpu must be at least 1 (worker processes per device), not 0",
        "--trials-per-device | -2  | --trials-per-gpu must be at least 1 (worker processes per device), not -2",
        "--trials-per-gpu    | two | 'two' is not an int",
      })
  void badTrialsPerDeviceExitWithTwoAndSayWhy(String option, String value, String message) {
    CliRun run =
        CliRun.gantry("worker", "--join", "127.0.0.1:2551", "--devices", "cpu:0", option, value, "--data-dir", data.toString());

    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().contains(message), run.toString());
  }
}
