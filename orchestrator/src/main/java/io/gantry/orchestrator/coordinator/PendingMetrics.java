package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.protocol.WorkerEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Metric reports the coordinator has taken in but not yet written. It writes them together, in one
 * transaction, once the reports already waiting in its mailbox are taken in too: a quiet sweep
 * writes each report at once, a busy one many per transaction, which is what lets it keep up with
 * thousands of reports a second. Owned by the coordinator actor.
 */
final class PendingMetrics {

  private final String sweepId;
  private final Map<String, List<MetricPoint>> points = new LinkedHashMap<>();
  private final List<RunEvent> events = new ArrayList<>();

  PendingMetrics(String sweepId) {
    this.sweepId = sweepId;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  void add(WorkerEvent.Progress progress) {
    List<MetricPoint> trialPoints = points.computeIfAbsent(progress.trialId(), id -> new ArrayList<>());
    progress.metrics().forEach(
        (name, value) -> trialPoints.add(new MetricPoint(name, progress.step(), progress.epoch(), value, progress.timestampMillis())));
    events.add(
        new RunEvent.MetricsReported(
            sweepId, progress.trialId(), progress.step(), progress.epoch(), progress.metrics(), progress.timestampMillis()));
  }

  /** Writes what is pending, if anything, then publishes it: the events follow the writes. */
  void flush(RunStore store, Consumer<RunEvent> publish) {
    if (isEmpty()) {
      return;
    }
    store.appendMetrics(sweepId, points);
    events.forEach(publish);
    points.clear();
    events.clear();
  }
}
