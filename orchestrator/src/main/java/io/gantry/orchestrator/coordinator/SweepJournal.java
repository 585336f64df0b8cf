package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.OutboxRow;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one place where what happens to a sweep is recorded. Each {@link SweepEvent} is persisted to
 * the store, with the outbox rows it makes, in one transaction; then applied to the sweep's state;
 * then published. A crash before the commit loses the event everywhere; after it, nowhere: a
 * coordinator starting again reads the state back from the store, and the outbox still holds what
 * MLflow has yet to get. Owned by the coordinator actor.
 */
final class SweepJournal {

  private final RunStore store;
  private final EventOutbox outbox;
  private final Consumer<SweepEvent> publish;
  private SweepState state;

  SweepJournal(RunStore store, EventOutbox outbox, Consumer<SweepEvent> publish, SweepState state) {
    this.store = store;
    this.outbox = outbox;
    this.publish = publish;
    this.state = state;
  }

  SweepState state() {
    return state;
  }

  void record(SweepEvent event) {
    record(List.of(event), applied -> {});
  }

  /**
   * Records the events as one transaction, then applies and publishes them one by one, handing
   * each to {@code afterEach} once the state includes it. {@code afterEach} may record further
   * events: they are applied before the next of these.
   */
  void record(List<SweepEvent> events, Consumer<SweepEvent> afterEach) {
    if (events.isEmpty()) {
      return;
    }
    List<OutboxRow> rows = new ArrayList<>();
    events.forEach(event -> rows.addAll(outbox.rowsFor(event)));
    store.atomically(
        () -> {
          persist(events);
          store.addOutboxRows(rows);
        });
    for (SweepEvent event : events) {
      state = state.updated(event);
      publish.accept(event);
      afterEach.accept(event);
    }
  }

  /** Writes the events to the store, metric reports together in one batch. */
  private void persist(List<SweepEvent> events) {
    Map<String, List<MetricPoint>> points = new LinkedHashMap<>();
    for (SweepEvent event : events) {
      if (event instanceof SweepEvent.MetricsReported e) {
        List<MetricPoint> trialPoints = points.computeIfAbsent(e.trialId(), id -> new ArrayList<>());
        e.metrics().forEach((name, value) -> trialPoints.add(new MetricPoint(name, e.step(), e.epoch(), value, e.timestampMillis())));
      } else {
        persistOne(event);
      }
    }
    if (!points.isEmpty()) {
      store.appendMetrics(state.sweepId(), points);
    }
  }

  private void persistOne(SweepEvent event) {
    String sweepId = event.sweepId();
    if (event instanceof SweepEvent.TrialAdded e) {
      store.addTrial(TrialRecord.queued(sweepId, e.trialId(), e.seq(), e.params(), e.seed()));
    } else if (event instanceof SweepEvent.TrialStarted e) {
      store.trialStarted(sweepId, e.trialId(), e.workerId(), e.device(), e.attempt(), e.note(), e.at());
    } else if (event instanceof SweepEvent.ArtifactSaved e) {
      store.addArtifact(sweepId, e.trialId(), e.artifact());
    } else if (event instanceof SweepEvent.TrialRequeued e) {
      store.trialRequeued(sweepId, e.trialId(), e.reason());
    } else if (event instanceof SweepEvent.TrialExploited e) {
      store.trialExploited(e.exploit(), e.message());
    } else if (event instanceof SweepEvent.TrialPreempted e) {
      store.trialPreempted(sweepId, e.trialId(), e.step(), e.reason(), e.at());
    } else if (event instanceof SweepEvent.TrialEnded e) {
      if (e.stopRung().isPresent()) {
        store.trialStopped(sweepId, e.trialId(), e.lastStep(), e.stopRung().getAsLong(), e.message(), e.at());
      } else {
        store.trialEnded(sweepId, e.trialId(), e.status(), e.lastStep(), e.message(), e.at());
      }
    } else if (event instanceof SweepEvent.SweepEnded e) {
      store.sweepEnded(sweepId, e.status(), e.at());
    }
    // StopDecided is stored with the trial's end; LimitRaised is stored by whoever extended the
    // sweep; SearchExhausted and Cancelled are known from the trials and the sweep's end.
  }
}
