package io.gantry.orchestrator.sweep;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Builds "unknown X" messages that point at the name the user most likely meant. */
final class Suggestions {

  private Suggestions() {}

  /**
   * {@code unknown <what> "<wrong>"; did you mean "<closest>"?}, or, when nothing is close, the
   * list of what is known.
   */
  static String unknown(String what, String wrong, Collection<String> known) {
    return unknown(what, wrong, known, "expected one of " + String.join(", ", known));
  }

  /** As {@link #unknown(String, String, Collection)}, saying {@code expected} when nothing is close. */
  static String unknown(String what, String wrong, Collection<String> known, String expected) {
    String head = "unknown " + what + " \"" + wrong + "\"; ";
    return closest(wrong, known)
        .map(match -> head + "did you mean \"" + match + "\"?")
        .orElseGet(() -> head + expected);
  }

  /** The known name nearest to {@code wrong}, if it is near enough to be a typo of it. */
  static Optional<String> closest(String wrong, Collection<String> known) {
    String typed = wrong.toLowerCase(Locale.ROOT);
    // Short names tolerate one slip; longer ones up to three, as "max_trail" for "max_trials".
    int tolerance = Math.max(1, Math.min(3, typed.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = editDistance(typed, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
  }

  /**
   * Edits (insert, delete, substitute, swap two neighbours) from {@code a} to {@code b}; swaps
   * count once because "vea" for "vae" is one slip of the fingers.
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
