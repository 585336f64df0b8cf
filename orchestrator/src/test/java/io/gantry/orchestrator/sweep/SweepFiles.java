package io.gantry.orchestrator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

/** A valid sweep file to vary, and assertions on the errors of the variants. */
final class SweepFiles {

  static final Path SOURCE = Path.of("sweeps/x.yaml");

  /** Valid; each test changes one line and asserts where the error points. */
  static final String VALID =
      """
      name: t
      model: vae
      dataset: fashion-mnist
      method: grid
      metric: {name: val/elbo, goal: maximize}
      budget: {epochs: 1}
      parameters:
        latent_dim: {values: [8, 16]}
        lr: {value: 0.001}
      """;

  private SweepFiles() {}

  /** {@link #VALID} with {@code line} (the whole line, as in the file) replaced. */
  static String withLine(String line, String replacement) {
    assertTrue(VALID.contains(line + "\n"), "the valid file has no line " + line);
    return VALID.replace(line + "\n", replacement.isEmpty() ? "" : replacement + "\n");
  }

  static SweepSpec parse(String yaml) {
    return SweepSpecParser.parse(yaml, SOURCE);
  }

  static List<SpecError> errors(String yaml) {
    return assertThrows(SweepSpecException.class, () -> parse(yaml)).errors();
  }

  /** Asserts that {@code yaml} has exactly one error, and returns it. */
  static SpecError onlyError(String yaml) {
    List<SpecError> errors = errors(yaml);
    assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
    return errors.get(0);
  }

  /** Asserts position and key exactly, and that the message contains {@code messagePart}. */
  static void assertError(SpecError error, int line, int column, String key, String messagePart) {
    assertEquals(SOURCE.toString(), error.file(), error::toString);
    assertEquals(line + ":" + column, error.line() + ":" + error.column(), error::toString);
    assertEquals(key, error.key(), error::toString);
    assertTrue(error.message().contains(messagePart), () -> error + " lacks: " + messagePart);
  }

  static void assertOnlyError(String yaml, int line, int column, String key, String messagePart) {
    assertError(onlyError(yaml), line, column, key, messagePart);
  }
}
