package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.coordinator.EventOutbox;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Where a sweep and its trials can also be browsed, their MLflow runs: the API hands these out as
 * {@code mlflow_url} and the pages link to them ({@link MlflowLinks}, or {@link #NONE} without
 * tracking). Closed with the web server that asks.
 */
public interface TrackingLinks extends AutoCloseable {

  /** No links: every {@code mlflow_url} is null. */
  TrackingLinks NONE =
      new TrackingLinks() {
        @Override
        public Optional<String> sweepUrl(String sweepId) {
          return Optional.empty();
        }

        @Override
        public Optional<String> trialUrl(String sweepId, String trialId) {
          return Optional.empty();
        }
      };

  /** The page of the sweep's parent run, if it has one. */
  Optional<String> sweepUrl(String sweepId);

  /** The page of the trial's run, if it has one. */
  Optional<String> trialUrl(String sweepId, String trialId);

  /**
   * The outbox rows that metrics reported from outside a coordinator (people's answers on a quiz
   * page) make for the same tracking server, delivered from {@code system}: none without tracking.
   */
  default EventOutbox reportsOutbox(ActorSystem<?> system) {
    return EventOutbox.NONE;
  }

  @Override
  default void close() {}
}
