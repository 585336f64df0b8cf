package io.gantry.worker.eval;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score that should be higher for positives than for negatives,
 * by the Mann-Whitney statistic: the chance that a random positive scores above a random negative,
 * a tie counting half. 1 separates them perfectly, 0.5 is a coin, 0 is perfectly reversed. Ranks
 * after one sort, so it costs O(n log n) for n scores, not the O(n^2) of comparing every pair.
 */
public final class Auroc {

  private Auroc() {}

  /** The AUROC of {@code positives} against {@code negatives}; neither may be empty or hold NaN. */
  public static double of(float[] positives, float[] negatives) {
    if (positives.length == 0 || negatives.length == 0) {
      throw new IllegalArgumentException(
          "needs positives and negatives, got " + positives.length + " and " + negatives.length);
    }
    int n = positives.length + negatives.length;
    float[] scores = Arrays.copyOf(positives, n);
    System.arraycopy(negatives, 0, scores, positives.length, negatives.length);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (Float.isNaN(scores[i])) {
        throw new IllegalArgumentException("score " + i + " is NaN");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
    // The positives' rank sum, each run of equal scores sharing the mean of its ranks (1-based).
    double positiveRanks = 0;
    for (int from = 0; from < n; ) {
      int to = from;
      while (to < n && scores[order[to]] == scores[order[from]]) {
        to++;
      }
      double meanRank = (from + 1 + to) / 2.0;
      for (int k = from; k < to; k++) {
        if (order[k] < positives.length) {
          positiveRanks += meanRank;
        }
      }
      from = to;
    }
    double p = positives.length;
    double u = positiveRanks - p * (p + 1) / 2;
    return u / (p * negatives.length);
  }
}
