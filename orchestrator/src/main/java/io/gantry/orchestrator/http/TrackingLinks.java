package io.gantry.orchestrator.http;

import java.util.Optional;

/**
 * Where a sweep and its trials can also be browsed, such as their MLflow runs: the API hands these
 * out as {@code mlflow_url} and the pages link to them. {@link #NONE} until tracking provides them.
 */
public interface TrackingLinks {

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
}
