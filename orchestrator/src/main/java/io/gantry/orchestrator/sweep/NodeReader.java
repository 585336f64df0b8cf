package io.gantry.orchestrator.sweep;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of a composed YAML node tree. Whatever does not fit is recorded as a
 * {@link SpecError} at the node's position and the read yields empty, so that the caller goes on
 * and the user sees every problem of a file at once.
 */
final class NodeReader {

  /**
   * The longest word picked from a list (a model, a method, a categorical parameter's value): far
   * longer than any such word, short enough to quote in an error.
   */
  static final int WORD_LENGTH = 100;

  private final String file;
  private final List<SpecError> errors = new ArrayList<>();
  private final ScalarValues scalarValues = new ScalarValues();

  NodeReader(String file) {
    this.file = file;
  }

  void error(Node at, String key, String message) {
    error(at.getStartMark(), key, message);
  }

  /** SnakeYAML counts lines and columns from 0; editors and the errors we print, from 1. */
  void error(Mark at, String key, String message) {
    errors.add(new SpecError(file, at.getLine() + 1, at.getColumn() + 1, key, message));
  }

  /** The errors in file order, whatever order the checks ran in. */
  List<SpecError> errors() {
    return errors.stream()
        .sorted(Comparator.comparingInt(SpecError::line).thenComparingInt(SpecError::column))
        .toList();
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  Optional<MappingFields> mapping(Node node, String key) {
    return mapping(node, key, "a mapping");
  }

  /** A mapping; {@code expected} says what kind, such as {@code "{epochs: N} or {steps: N}"}. */
  Optional<MappingFields> mapping(Node node, String key, String expected) {
    if (node instanceof MappingNode map) {
      return Optional.of(new MappingFields(this, map, key));
    }
    error(node, key, "expected " + expected + ", got " + describe(node));
    return Optional.empty();
  }

  Optional<List<Node>> sequence(Node node, String key) {
    if (node instanceof SequenceNode list) {
      return Optional.of(list.getValue());
    }
    error(node, key, "expected a list, got " + describe(node));
    return Optional.empty();
  }

  /**
   * Any scalar but null, as written ({@code name: 2024} is the name "2024"), of at most {@code
   * most} characters: every string a sweep file gives has a bound, so that it fits where it is
   * stored and an error message never quotes a whole pasted page.
   */
  Optional<String> text(Node node, String key, int most) {
    if (!(node instanceof ScalarNode scalar) || Tag.NULL.equals(scalar.getTag())) {
      error(node, key, "expected a string, got " + describe(node));
      return Optional.empty();
    }
    String text = scalar.getValue();
    if (text.length() > most) {
      error(node, key, "expected at most " + most + " characters, got " + text.length());
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /**
   * A string among {@code known}; anything else is reported as an unknown {@code what}, with the
   * known value it most likely meant.
   */
  Optional<String> oneOf(Node node, String key, String what, Collection<String> known) {
    return oneOf(node, key, what, known, WORD_LENGTH);
  }

  /** As {@link #oneOf(Node, String, String, Collection)}, for a text of at most {@code most} characters. */
  Optional<String> oneOf(Node node, String key, String what, Collection<String> known, int most) {
    return text(node, key, most)
        .filter(
            value -> {
              boolean isKnown = known.contains(value);
              if (!isKnown) {
                error(node, key, Suggestions.unknown(what, value, known));
              }
              return isKnown;
            });
  }

  /** A YAML integer in {@code [least, most]}; a float such as {@code 2.0} is not one. */
  Optional<Long> integer(Node node, String key, long least, long most) {
    Object value = scalarValue(node);
    if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
      error(node, key, "expected " + integerKind(least) + ", got " + describe(node));
      return Optional.empty();
    }
    BigInteger big = new BigInteger(value.toString());
    if (big.compareTo(BigInteger.valueOf(least)) < 0) {
      error(node, key, "expected " + integerKind(least) + ", got " + big);
      return Optional.empty();
    }
    if (big.compareTo(BigInteger.valueOf(most)) > 0) {
      error(node, key, "expected at most " + most + ", got " + big);
      return Optional.empty();
    }
    return Optional.of(big.longValue());
  }

  /** A finite YAML integer or float. */
  Optional<Double> number(Node node, String key) {
    Object value = scalarValue(node);
    if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
      return Optional.of(number.doubleValue());
    }
    error(node, key, "expected a number, got " + describe(node));
    return Optional.empty();
  }

  /** A number strictly between 0 and 1, such as a share or a probability. */
  Optional<Double> fraction(Node node, String key) {
    return number(node, key)
        .filter(
            x -> {
              boolean inside = x > 0 && x < 1;
              if (!inside) {
                error(node, key, "expected a fraction between 0 and 1, got " + describe(node));
              }
              return inside;
            });
  }

  /** A number from 0 to 1, both included, such as a chance. */
  Optional<Double> probability(Node node, String key) {
    return number(node, key)
        .filter(
            p -> {
              boolean inside = p >= 0 && p <= 1;
              if (!inside) {
                error(node, key, "expected a probability from 0 to 1, got " + p);
              }
              return inside;
            });
  }

  /** A YAML boolean: {@code true} or {@code false}. */
  Optional<Boolean> bool(Node node, String key) {
    if (scalarValue(node) instanceof Boolean value) {
      return Optional.of(value);
    }
    error(node, key, "expected true or false, got " + describe(node));
    return Optional.empty();
  }

  /** Whether the node is an empty value ({@code key:} with nothing after it, or {@code ~}). */
  boolean isNull(Node node) {
    return Tag.NULL.equals(node.getTag());
  }

  /** The node as a value for the user to recognise: {@code "abc"}, {@code 2.5}, a list. */
  String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    if (Tag.NULL.equals(scalar.getTag())) {
      return "nothing";
    }
    return Tag.STR.equals(scalar.getTag()) ? "\"" + scalar.getValue() + "\"" : scalar.getValue();
  }

  private static String integerKind(long least) {
    if (least == 0) {
      return "a non-negative integer";
    }
    if (least == 1) {
      return "a positive integer";
    }
    return least <= Integer.MIN_VALUE ? "an integer" : "an integer of at least " + least;
  }

  /** The Java value SnakeYAML gives a scalar (Integer, Double, String, ...), or null. */
  private Object scalarValue(Node node) {
    if (!(node instanceof ScalarNode)) {
      return null;
    }
    try {
      return scalarValues.valueOf(node);
    } catch (YAMLException e) {
      // An explicit tag such as !!binary or !custom: not a value a sweep file can use.
      return null;
    }
  }

  /** Reuses SnakeYAML's own resolution of scalars (hex, 1_000, .inf, ...) rather than a copy. */
  private static final class ScalarValues extends SafeConstructor {
    ScalarValues() {
      super(new LoaderOptions());
    }

    Object valueOf(Node node) {
      return constructObject(node);
    }
  }
}
