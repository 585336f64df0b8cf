package io.gantry.orchestrator.search;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How much of the objective's spread each parameter accounts for on its own, in the spirit of
 * fANOVA's first-order terms but without a surrogate model: the trials are grouped by the
 * parameter's value (its bins), and the parameter's score is the share of the objective's variance
 * that lies between the groups, as a one-way analysis of variance measures it. The scores are then
 * normalised to sum to 1, so each is a share of what the parameters explain between them.
 *
 * <p>Numbers with more distinct values than bins are cut into bins holding about the same number
 * of trials (quantile bins). Quantiles only depend on the order of the values, so a {@code
 * log_uniform} parameter gets the same bins as it would in log space, and no distribution needs to
 * be known. Values with few distinct values (listed values, small integer ranges) and values that
 * are not numbers are each their own bin.
 *
 * <p>A grouping explains some variance even when the objective ignores it (with k bins, pure noise
 * gets about (k - 1) / (n - 1) of it), so the score is epsilon squared, which takes the noise's
 * expected share off and stops at 0: a parameter that does not matter scores near 0 rather than
 * taking a tenth of the total away from the one that does.
 *
 * <p>The goal (minimise or maximise) plays no part: variance is the same either way. Only
 * marginal effects are measured: what two parameters do together beyond each one alone (an
 * interaction) is given to neither, and two parameters that were varied together (as in a grid's
 * first points) cannot be told apart.
 */
public final class ParameterImportance {

  /** Fewer trials than this say nothing about which parameter mattered. */
  public static final int MIN_TRIALS = 4;

  private static final int MAX_BINS = 10;

  /** One finished trial: its parameters and its value of the sweep's metric. */
  public record Observation(Map<String, Object> params, double objective) {}

  private final Map<String, Double> shares;
  private final double explained;
  private final Optional<String> missingReason;

  private ParameterImportance(Map<String, Double> shares, double explained, Optional<String> missingReason) {
    this.shares = shares;
    this.explained = explained;
    this.missingReason = missingReason;
  }

  /** Each varying parameter's share, or why there is none (too few trials, a constant objective). */
  public static ParameterImportance of(List<Observation> trials) {
    if (trials.size() < MIN_TRIALS) {
      return none("not enough trials: " + trials.size() + " completed with the metric, " + MIN_TRIALS + " needed");
    }
    double[] y = trials.stream().mapToDouble(Observation::objective).toArray();
    double mean = Arrays.stream(y).average().orElseThrow();
    double total = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
    if (total == 0) {
      return none("the metric is the same in every completed trial");
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String name : names(trials)) {
      List<Object> values = trials.stream().map(t -> t.params().get(name)).toList();
      if (values.stream().distinct().count() > 1) {
        scores.put(name, epsilonSquared(bins(values), y, mean, total));
      }
    }
    double sum = scores.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> shares = new LinkedHashMap<>();
    scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> shares.put(e.getKey(), sum > 0 ? e.getValue() / sum : 0.0));
    return new ParameterImportance(Collections.unmodifiableMap(shares), Math.min(1, sum), Optional.empty());
  }

  private static ParameterImportance none(String reason) {
    return new ParameterImportance(Map.of(), 0, Optional.of(reason));
  }

  /**
   * Parameter to share in [0, 1], largest first; the shares sum to 1 unless no parameter explains
   * more than chance, when all are 0. Parameters with one value in every trial are left out.
   */
  public Map<String, Double> shares() {
    return shares;
  }

  /**
   * How much of the metric's variance the parameters explain between them, each alone (the sum of
   * their scores, at most 1). The shares divide this: when it is small, the metric moved for
   * reasons the parameters do not show (noise, interactions), and the largest share may be chance.
   */
  public double explained() {
    return explained;
  }

  /** Why there are no shares, when there are none to give. */
  public Optional<String> missingReason() {
    return missingReason;
  }

  private static Set<String> names(List<Observation> trials) {
    Set<String> names = new LinkedHashSet<>();
    trials.forEach(t -> names.addAll(t.params().keySet()));
    return names;
  }

  /** Each trial's bin: quantile bins for many distinct numbers, else one bin per value. */
  private static int[] bins(List<Object> values) {
    int n = values.size();
    int binCount = Math.min(MAX_BINS, Math.max(2, (int) Math.round(Math.sqrt(n))));
    boolean numeric = values.stream().allMatch(v -> v instanceof Number);
    if (numeric && values.stream().distinct().count() > binCount) {
      double[] sorted = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
      // By the count of smaller values, so that equal values always share a bin.
      return values.stream().mapToInt(v -> Math.min(binCount - 1, binCount * below(sorted, ((Number) v).doubleValue()) / n)).toArray();
    }
    Map<String, Integer> ids = new HashMap<>();
    return values.stream().mapToInt(v -> ids.computeIfAbsent(Objects.toString(v), k -> ids.size())).toArray();
  }

  private static int below(double[] sorted, double value) {
    int i = Arrays.binarySearch(sorted, value);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == value) {
      i--;
    }
    return i;
  }

  /**
   * (SS_between - (k - 1) MS_within) / SS_total, at least 0. A grouping with a trial per bin
   * leaves no variance within bins to tell noise by, and counts as explaining nothing.
   */
  private static double epsilonSquared(int[] bin, double[] y, double mean, double total) {
    int k = Arrays.stream(bin).max().orElseThrow() + 1;
    int n = y.length;
    double[] sums = new double[k];
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      sums[bin[i]] += y[i];
      counts[bin[i]]++;
    }
    double between = 0;
    int used = 0;
    for (int b = 0; b < k; b++) {
      if (counts[b] > 0) {
        double binMean = sums[b] / counts[b];
        between += counts[b] * (binMean - mean) * (binMean - mean);
        used++;
      }
    }
    if (n <= used) {
      return 0;
    }
    double withinMean = (total - between) / (n - used);
    return Math.max(0, (between - (used - 1) * withinMean) / total);
  }
}
