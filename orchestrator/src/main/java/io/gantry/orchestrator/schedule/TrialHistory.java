package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a scheduler sees of one trial: the reports of the sweep's metric it made, in order. A trial
 * sent back to the queue starts a fresh history.
 *
 * @param trialId the trial's id
 * @param seq the trial's number in the sweep, from 1 (Hyperband spreads trials over brackets by it)
 * @param reports the trial's reports of the sweep's metric, oldest first
 */
public record TrialHistory(String trialId, int seq, List<Report> reports) {

  /** One report of the sweep's metric, made at {@code step} during {@code epoch}. */
  public record Report(long step, int epoch, double value) {

    /** Where the report stands in {@code unit}. */
    public long position(BudgetUnit unit) {
      return unit.position(step, epoch);
    }
  }

  public TrialHistory {
    reports = List.copyOf(reports);
  }

  /** This history with {@code report} appended. */
  public TrialHistory with(Report report) {
    return new TrialHistory(trialId, seq, Stream.concat(reports.stream(), Stream.of(report)).toList());
  }

  /** How far the trial got in {@code unit}: its latest report's position, or 0. */
  public long reached(BudgetUnit unit) {
    return reports.isEmpty() ? 0 : reports.get(reports.size() - 1).position(unit);
  }

  /** The position of the report before the latest, or 0: rungs above it were crossed just now. */
  public long reachedBefore(BudgetUnit unit) {
    return reports.size() < 2 ? 0 : reports.get(reports.size() - 2).position(unit);
  }

  /** The index of the first report at or past {@code position}, where the trial crossed it. */
  public Optional<Integer> crossing(BudgetUnit unit, long position) {
    for (int i = 0; i < reports.size(); i++) {
      if (reports.get(i).position(unit) >= position) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The latest value of the metric, if any. */
  public Optional<Double> lastValue() {
    return reports.isEmpty() ? Optional.empty() : Optional.of(reports.get(reports.size() - 1).value());
  }
}
