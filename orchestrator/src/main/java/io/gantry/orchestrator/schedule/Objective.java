package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * How schedulers read a trial's value: the sweep's metric, which way is better, and whether a
 * trial counts with its last value or its best so far. The best so far suits GANs, whose losses
 * do not fall steadily.
 *
 * @param metric the sweep's metric, for reasons people read
 * @param maximize whether higher is better
 * @param useBest whether a trial's value at a point is its best up to there rather than its last
 */
public record Objective(String metric, boolean maximize, boolean useBest) {

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

  /** {@code metric 1.234} as reasons print values. */
  String format(double value) {
    return String.format(Locale.ROOT, "%s %.4g", metric, value);
  }

  private double valueUpTo(TrialHistory trial, int index) {
    if (!useBest) {
      return trial.reports().get(index).value();
    }
    return trial.reports().subList(0, index + 1).stream()
        .map(TrialHistory.Report::value)
        .min(bestFirst())
        .orElseThrow();
  }
}
