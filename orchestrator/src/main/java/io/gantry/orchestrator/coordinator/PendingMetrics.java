package io.gantry.orchestrator.coordinator;

import java.util.ArrayList;
import java.util.List;

/**
 * Metric reports the coordinator has taken in but not yet recorded. Its journal records them
 * together, in one transaction, once the reports already waiting in its mailbox are taken in too:
 * a quiet sweep records each report at once, a busy one many per transaction, which is what lets
 * it keep up with thousands of reports a second. Owned by the coordinator actor.
 */
final class PendingMetrics {

  private final List<SweepEvent> reports = new ArrayList<>();

  boolean isEmpty() {
    return reports.isEmpty();
  }

  void add(SweepEvent.MetricsReported report) {
    reports.add(report);
  }

  /** The reports taken in so far, in order; none are pending after. */
  List<SweepEvent> drain() {
    List<SweepEvent> drained = List.copyOf(reports);
    reports.clear();
    return drained;
  }
}
