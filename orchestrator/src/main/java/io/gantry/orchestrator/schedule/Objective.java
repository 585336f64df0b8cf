package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * How schedulers read a trial's value: the sweep's metric, which way is better, whether a trial
 * counts with its last value or its best so far, and over how many reports each value is
 * averaged. The best so far and the average suit GANs, whose metrics do not fall steadily.
 *
 * @param metric the sweep's metric, for reasons people read
 * @param maximize whether higher is better
 * @param useBest whether a trial's value at a point is its best up to there rather than its last
 * @param window how many reports each value averages ({@link MovingAverage}); 1, each report alone
 */
public record Objective(String metric, boolean maximize, boolean useBest, int window) {

  /** Best values first. */
  public Comparator<Double> bestFirst() {
    return maximize ? Comparator.reverseOrder() : Comparator.naturalOrder();
  }

  /** Whether {@code a} is strictly worse than {@code b}. */
  public boolean worse(double a, double b) {
    return maximize ? a < b : a > b;
  }

  /** The trial's value where it crossed {@code position}, if it got there. */
  public Optional<Double> valueAt(TrialHistory trial, BudgetUnit unit, long position) {
    return trial.crossing(unit, position).map(index -> valueUpTo(trial, index));
  }

  /** The trial's value now: its last, or its best so far. */
  public Optional<Double> current(TrialHistory trial) {
    return trial.reports().isEmpty() ? Optional.empty() : Optional.of(valueUpTo(trial, trial.reports().size() - 1));
  }

  /** Whether {@code a} is better than {@code b} by more than {@code margin}. */
  public boolean betterBy(double a, double b, double margin) {
    return maximize ? a > b + margin : a < b - margin;
  }

  /** The trial's smoothed values, one per report, each its report's, not its best so far. */
  public double[] smoothed(TrialHistory trial) {
    return new MovingAverage(window).upTo(trial.reports(), trial.reports().size() - 1);
  }

  /** {@code metric 1.234}, or {@code metric 1.234 (mean of 3 reports)}, as reasons print values. */
  String format(double value) {
    String mean = window == 1 ? "" : " (mean of " + window + " reports)";
    return String.format(Locale.ROOT, "%s %.4g%s", metric, value, mean);
  }

  private double valueUpTo(TrialHistory trial, int index) {
    MovingAverage average = new MovingAverage(window);
    if (!useBest) {
      return average.at(trial.reports(), index);
    }
    return Arrays.stream(average.upTo(trial.reports(), index)).boxed().min(bestFirst()).orElseThrow();
  }
}
