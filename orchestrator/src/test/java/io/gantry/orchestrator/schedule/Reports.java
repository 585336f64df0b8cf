package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials reporting one after another to a scheduler, as the coordinator would call it: each report
 * extends its trial's history and asks for a decision against every history so far.
 */
final class Reports {

  private final TrialScheduler scheduler;
  private final BudgetUnit unit;
  private final Map<String, TrialHistory> trials = new LinkedHashMap<>();

  Reports(TrialScheduler scheduler, BudgetUnit unit) {
    this.scheduler = scheduler;
    this.unit = unit;
  }

  /** Trial {@code id} (numbered by first report) reports {@code value} at {@code position}. */
  Decision report(String id, long position, double value) {
    return report(id, position, value, Map.of());
  }

  /** As {@link #report(String, long, double)}, with the other metrics of the same report. */
  Decision report(String id, long position, double value, Map<String, Double> others) {
    TrialHistory before = trials.getOrDefault(id, new TrialHistory(id, trials.size() + 1, List.of()));
    long step = unit == BudgetUnit.STEPS ? position : position * 100;
    TrialHistory after = before.with(TrialHistory.Report.of(step, (int) (step / 100), value, others));
    trials.put(id, after);
    return scheduler.onReport(after, List.copyOf(trials.values()));
  }
}
