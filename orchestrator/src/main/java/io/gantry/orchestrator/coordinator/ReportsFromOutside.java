package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.eventstream.EventStream;

/**
 * Metrics of a trial that come from outside its training, such as people's answers on its quiz
 * page, recorded as a {@link SweepEvent.MetricsReported} through a {@link SweepJournal} over the
 * sweep as stored: into the store with the event's outbox rows in one transaction, then published
 * on {@code system}'s event stream as a coordinator publishes its events. Sweeps with such metrics
 * are usually finished, with no coordinator to ask; a running sweep's coordinator does not learn
 * of them, which costs nothing, since no sweep's metric, and so no scheduler, uses them.
 */
public final class ReportsFromOutside {

  private final RunStore store;
  private final ActorSystem<?> system;

  public ReportsFromOutside(RunStore store, ActorSystem<?> system) {
    this.store = store;
    this.system = system;
  }

  /**
   * Records {@code metrics} of the trial at {@code step}, with the rows {@code outbox} makes of
   * them. Inside {@link RunStore#atomically} it joins the caller's transaction.
   */
  public void record(SweepRecord sweep, String trialId, long step, Map<String, Double> metrics, EventOutbox outbox) {
    SweepState state =
        SweepState.of(sweep.id(), sweep.metricName(), sweep.maximize(), 0, store.trials(sweep.id()), Map.of());
    SweepJournal journal =
        new SweepJournal(store, outbox, event -> system.eventStream().tell(new EventStream.Publish<>(event)), state);
    journal.record(new SweepEvent.MetricsReported(sweep.id(), trialId, step, 0, metrics, System.currentTimeMillis()));
  }
}
