package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.coordinator.EventOutbox;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.store.RunStore;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** Where a sweep run reports besides the store: {@link #OFF}, or an {@link MlflowTracking}. */
public interface SweepTracking {

  /** No tracking server: the store alone. */
  SweepTracking OFF =
      new SweepTracking() {
        @Override
        public EventOutbox start(ActorContext<?> guardian, RunStore store, SweepPlan plan) {
          return EventOutbox.NONE;
        }

        @Override
        public void finish(ActorSystem<?> system, PrintStream out) {}
      };

  /**
   * Spawns what tracking needs under the run's guardian, and returns what each of the sweep's
   * events puts in the outbox, for the coordinator's journal. Call it before the coordinator is
   * spawned: tracking then sees every event the coordinator publishes.
   */
  EventOutbox start(ActorContext<?> guardian, RunStore store, SweepPlan plan);

  /**
   * The same tracking, with each run tagged with its page in the web UI at {@code pages}, if
   * given (so that MLflow links back to Gantry).
   */
  default SweepTracking linkingTo(Optional<String> pages) {
    return this;
  }

  /**
   * After the coordinator stopped: waits, within a bound, until what is left has been delivered,
   * and tells {@code out} how that went.
   */
  void finish(ActorSystem<?> system, PrintStream out);
}
