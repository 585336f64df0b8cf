package io.gantry.orchestrator.sweep;

import java.util.Locale;

/**
 * How a sweep chooses the parameters of its trials. The sweep file spells each one in lower case
 * ({@code grid}, {@code random}).
 */
public enum Method {
  /** Every combination of the listed values, in file order; see {@link GridSearch}. */
  GRID,
  /** Independent uniform draws from each parameter's values or range; see {@link RandomSearch}. */
  RANDOM;

  /** The spelling used in sweep files. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
