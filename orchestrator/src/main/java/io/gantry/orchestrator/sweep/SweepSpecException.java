package io.gantry.orchestrator.sweep;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a sweep file cannot be read or is not valid. It carries every problem found, not only
 * the first; {@link #getMessage()} prints them one per line.
 */
public class SweepSpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<SpecError> errors;

  /** Creates the exception for a non-empty list of problems. */
  public SweepSpecException(List<SpecError> errors) {
    super(errors.stream().map(SpecError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a SweepSpecException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** The problems, in the order they appear in the file. */
  public List<SpecError> errors() {
    return errors;
  }
}
