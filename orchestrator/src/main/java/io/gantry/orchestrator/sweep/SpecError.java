package io.gantry.orchestrator.sweep;

/**
 * One problem in a sweep file. {@code line} and {@code column} count from 1; both are 0 when the
 * problem concerns the whole file (it could not be read). {@code key} is the dotted path of the
 * offending entry, such as {@code parameters.lr.min}, or empty when no key applies (a YAML syntax
 * error).
 */
public record SpecError(String file, int line, int column, String key, String message) {

  /** Formats as {@code file:line:column: key: message}, the shape editors and compilers use. */
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line + ":" + column : file;
    return key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
  }
}
