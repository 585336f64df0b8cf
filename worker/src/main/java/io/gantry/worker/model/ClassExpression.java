package io.gantry.worker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A weighted sum of classes as a person writes it for latent arithmetic: {@code sneaker - sandal +
 * ankle_boot}, {@code 2*coat - 0.5 * dress}. Terms are class names (of {@link
 * io.gantry.worker.data.ClassNames}, in any case) joined by {@code +} and {@code -} (or {@code −}),
 * each with an optional integer or decimal coefficient and {@code *}; the first may carry a sign.
 * Parsing is a pure function of the text and the names.
 *
 * @param text what was parsed
 * @param terms the terms in order, their signs folded into the coefficients
 */
public record ClassExpression(String text, List<Term> terms) {

  /** {@code coefficient} times class {@code classIndex}, written from {@code column} (from 1). */
  public record Term(double coefficient, int classIndex, int column) {}

  /** A text that is no expression over the names, with the column (from 1) where it goes wrong. */
  public static final class BadExpression extends IllegalArgumentException {

    private final int column;

    BadExpression(String text, int column, String problem) {
      super("column " + column + " of \"" + text + "\": " + problem);
      this.column = column;
    }

    /** Where the bad term starts, counting from 1. */
    public int column() {
      return column;
    }
  }

  public ClassExpression {
    terms = List.copyOf(terms);
  }

  /**
   * Parses {@code text} over {@code names}, the classes in label order.
   *
   * @throws BadExpression naming the column of the first bad term, and the valid names when a name
   *     is unknown
   */
  public static ClassExpression parse(String text, List<String> names) {
    return new Parser(text, names).expression();
  }

  /** The coefficient of each of {@code classes} classes: the sum over the terms naming it. */
  public float[] weights(int classes) {
    float[] weights = new float[classes];
    for (Term term : terms) {
      weights[term.classIndex()] += (float) term.coefficient();
    }
    return weights;
  }

  private static final class Parser {

    private final String text;
    private final List<String> names;
    private int at;

    Parser(String text, List<String> names) {
      this.text = text;
      this.names = names;
    }

    ClassExpression expression() {
      skipSpaces();
      if (at == text.length()) {
        throw bad(0, "empty expression; write class names joined by + and -, e.g. " + example());
      }
      List<Term> terms = new ArrayList<>();
      double sign = 1;
      if (isSign(peek())) {
        sign = peek() == '+' ? 1 : -1;
        at++;
      }
      while (true) {
        terms.add(term(sign));
        skipSpaces();
        if (at == text.length()) {
          return new ClassExpression(text, terms);
        }
        if (!isSign(peek())) {
          throw bad(at, "expected + or - before \"" + rest() + "\"");
        }
        sign = peek() == '+' ? 1 : -1;
        at++;
      }
    }

    private Term term(double sign) {
      skipSpaces();
      int start = at;
      String word = word();
      skipSpaces();
      if (peek() != '*') {
        return new Term(sign, classIndex(word, start), start + 1);
      }
      double coefficient = coefficient(word, start);
      at++;
      skipSpaces();
      int nameStart = at;
      return new Term(sign * coefficient, classIndex(word(), nameStart), start + 1);
    }

    private double coefficient(String word, int start) {
      if (word.isEmpty() || !word.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
        throw bad(start, "expected a number before *, got \"" + word + "\"");
      }
      return Double.parseDouble(word);
    }

    private int classIndex(String word, int start) {
      if (word.isEmpty()) {
        throw bad(
            start,
            at == text.length()
                ? "expected a class name at the end"
                : "expected a class name, got \"" + rest() + "\"");
      }
      int index = names.indexOf(word.toLowerCase(Locale.ROOT));
      if (index < 0) {
        throw bad(start, "unknown class \"" + word + "\"; the classes are " + String.join(", ", names));
      }
      return index;
    }

    private String word() {
      int start = at;
      while (at < text.length()
          && (Character.isLetterOrDigit(text.charAt(at)) || "_.".indexOf(text.charAt(at)) >= 0)) {
        at++;
      }
      return text.substring(start, at);
    }

    private void skipSpaces() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private char peek() {
      if (at == text.length()) {
        return 0;
      }
      // the minus sign of typeset formulas, as in "A − B + C"
      return text.charAt(at) == '\u2212' ? '-' : text.charAt(at);
    }

    private static boolean isSign(char c) {
      return c == '+' || c == '-';
    }

    private String rest() {
      return text.substring(at);
    }

    private String example() {
      return names.size() >= 3
          ? names.get(0) + " - " + names.get(1) + " + " + names.get(2)
          : String.join(" + ", names);
    }

    private BadExpression bad(int index, String problem) {
      return new BadExpression(text, index + 1, problem);
    }
  }
}
