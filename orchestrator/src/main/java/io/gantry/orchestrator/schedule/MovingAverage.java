package io.gantry.orchestrator.schedule;

import java.util.List;

/**
 * The trailing moving average of a trial's reports: its value at a report is the mean of that
 * report and the {@code window - 1} before it (fewer at the start). GAN metrics such as FID jump
 * from one evaluation to the next; judged on the mean, a trial is not stopped for one unlucky
 * report nor kept for one lucky one. The one place schedulers smooth a history.
 */
final class MovingAverage {

  private final int window;

  /** Averages {@code window} reports; 1 gives every report's own value. */
  MovingAverage(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window " + window);
    }
    this.window = window;
  }

  /** The smoothed values of {@code reports} from the first through {@code upTo}, in order. */
  double[] upTo(List<TrialHistory.Report> reports, int upTo) {
    // each mean summed afresh rather than as a running sum, which an infinite value or rounding
    // would corrupt for every later report
    double[] smoothed = new double[upTo + 1];
    for (int i = 0; i <= upTo; i++) {
      smoothed[i] = at(reports, i);
    }
    return smoothed;
  }

  /** The smoothed value at report {@code index}: the mean of the reports in its window. */
  double at(List<TrialHistory.Report> reports, int index) {
    double sum = 0;
    int from = Math.max(0, index - window + 1);
    for (int i = from; i <= index; i++) {
      sum += reports.get(i).value();
    }
    return sum / (index - from + 1);
  }
}
