package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.store.RunStore;
import java.io.PrintStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** Where a sweep run reports besides the store: {@link #OFF}, or an {@link MlflowTracking}. */
public interface SweepTracking {

  /** No tracking server: the store alone. */
  SweepTracking OFF =
      new SweepTracking() {
        @Override
        public void start(ActorContext<?> guardian, RunStore store, SweepPlan plan) {}

        @Override
        public void finish(ActorSystem<?> system, PrintStream out) {}
      };

  /**
   * Spawns what tracking needs under the run's guardian. Call it before the coordinator is
   * spawned: tracking then sees every event the coordinator publishes.
   */
  void start(ActorContext<?> guardian, RunStore store, SweepPlan plan);

  /**
   * After the coordinator stopped: waits, within a bound, until what is left has been delivered,
   * and tells {@code out} how that went.
   */
  void finish(ActorSystem<?> system, PrintStream out);
}
