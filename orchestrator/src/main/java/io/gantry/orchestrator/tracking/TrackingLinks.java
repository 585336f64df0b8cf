package io.gantry.orchestrator.tracking;

import java.util.Optional;

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

  @Override
  default void close() {}
}
