package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.VALID;
import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code priority}, {@code weight}, {@code max_concurrent_trials} and {@code preemptible}, read and checked. */
class SchedulingParsingTest {

  private static Scheduling with(String lines) {
    return parse(VALID + lines).scheduling();
  }

  @Test
  void aFileWithoutTheKeysGetsTheDefaults() {
    assertEquals(Scheduling.DEFAULT, parse(VALID).scheduling());
    assertEquals(new Scheduling(0, 1, Integer.MAX_VALUE, true), Scheduling.DEFAULT);
    assertEquals(Scheduling.UNLIMITED, Scheduling.DEFAULT.maxConcurrentTrials());
  }

  @Test
  void everyKeyIsRead() {
    assertEquals(
        new Scheduling(Scheduling.HIGH, 3, 4, false),
        with("priority: high\nweight: 3\nmax_concurrent_trials: 4\npreemptible: false\n"));
    assertEquals(new Scheduling(0, 1000, 10_000, true), with("weight: 1000\nmax_concurrent_trials: 10000\n"));
    assertEquals(new Scheduling(0, 1, 1, true), with("max_concurrent_trials: 1\npreemptible: true\n"));
  }

  @ParameterizedTest
  @CsvSource({"high, 10", "normal, 0", "low, -10", "1000, 1000", "-1000, -1000", "3, 3", "0, 0", "0x10, 16"})
  void priorityIsANameOrAnInteger(String written, int priority) {
    assertEquals(priority, with("priority: " + written + "\n").priority());
  }

  /** Line 10 of the valid file. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "priority: urgent             | 11 | priority              | unknown priority \"urgent\"; expected high, normal, low or an integer from -1000 to 1000",
        "priority: hihg               | 11 | priority              | unknown priority \"hihg\"; did you mean \"high\"?",
        "priority: \"10\"             | 11 | priority              | unknown priority \"10\"",
        "priority: 1001               | 11 | priority              | expected at most 1000, got 1001",
        "priority: -1001              | 11 | priority              | expected an integer of at least -1000, got -1001",
        "priority: 2.5                | 11 | priority              | expected high, normal, low or an integer from -1000 to 1000, got 2.5",
        "priority:                    | 10 | priority              | expected high, normal, low or an integer from -1000 to 1000, got nothing",
        "weight: 0                    | 9  | weight                | expected a positive integer, got 0",
        "weight: 1001                 | 9  | weight                | expected at most 1000, got 1001",
        "weight: heavy                | 9  | weight                | expected a positive integer, got \"heavy\"",
        "max_concurrent_trials: 0     | 24 | max_concurrent_trials | expected a positive integer, got 0",
        "max_concurrent_trials: 10001 | 24 | max_concurrent_trials | expected at most 10000, got 10001",
        "preemptible: sometimes       | 14 | preemptible           | expected true or false, got \"sometimes\"",
        "priorty: high                | 1  | priorty               | unknown key \"priorty\"; did you mean \"priority\"?",
        "wieght: 2                    | 1  | wieght                | unknown key \"wieght\"; did you mean \"weight\"?",
        "max_concurent_trials: 2      | 1  | max_concurent_trials  | unknown key \"max_concurent_trials\"; did you mean \"max_concurrent_trials\"?",
        "preemptable: false           | 1  | preemptable           | unknown key \"preemptable\"; did you mean \"preemptible\"?",
      })
  void mistakesNameTheKeyAndPosition(String line, int column, String key, String message) {
    assertOnlyError(VALID + line.strip() + "\n", 10, column, key, message);
  }

  @Test
  void theRecordRefusesWhatTheFileCannotSay() {
    assertThrows(IllegalArgumentException.class, () -> new Scheduling(1001, 1, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new Scheduling(0, 0, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new Scheduling(0, 1, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new Scheduling(0, 1, 10_001, true));
  }
}
