package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.SweepEvent;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Follows a sweep run from outside its actor system, as the web UI's server does: it learns where
 * the coordinator takes commands, everything the coordinator records, and when the run is over.
 * Its methods are called on the run's actor threads, so they must return quickly.
 */
public interface RunObserver {

  /** Nobody follows the run. */
  RunObserver NONE =
      new RunObserver() {
        @Override
        public void started(String sweepId, ActorRef<Coordinator.Command> coordinator) {}

        @Override
        public void recorded(SweepEvent event) {}

        @Override
        public void ended(String sweepId) {}
      };

  /** The coordinator of {@code sweepId} runs and takes commands at {@code coordinator}. */
  void started(String sweepId, ActorRef<Coordinator.Command> coordinator);

  /** The coordinator has just written {@code event} to the store. */
  void recorded(SweepEvent event);

  /** The run's actor system is stopping: its coordinator takes no more commands. */
  void ended(String sweepId);
}
