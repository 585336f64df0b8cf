package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.tracking.MlflowLinks;
import io.gantry.orchestrator.tracking.MlflowTracking;
import io.gantry.orchestrator.tracking.SweepTracking;
import io.gantry.orchestrator.tracking.TrackingLinks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --mlflow URL}, else {@code $MLFLOW_TRACKING_URI}: the MLflow server a run tracks into. */
final class MlflowOption {

  @Option(names = "--mlflow", paramLabel = "URL", description = "also track the sweep in this MLflow tracking server (default: $MLFLOW_TRACKING_URI, else none)")
  private String url;

  @Option(names = "--mlflow-wait", paramLabel = "SECONDS", defaultValue = "120", description = "at the end, wait at most this long for MLflow to have everything (default: ${DEFAULT-VALUE})")
  private long waitSeconds;

  /** The server's URL, if there is one to track into. */
  Optional<String> server() {
    String given = url != null ? url : System.getenv("MLFLOW_TRACKING_URI");
    return Optional.ofNullable(given).filter(u -> !u.isBlank());
  }

  /**
   * Tracking into the server, with its outbox in the store of {@code dataDir}, or none.
   *
   * @throws IllegalArgumentException for a URL that is no MLflow tracking server's
   */
  SweepTracking tracking(Path dataDir) {
    return server().<SweepTracking>map(u -> MlflowTracking.of(u, dataDir, Duration.ofSeconds(waitSeconds))).orElse(SweepTracking.OFF);
  }

  /** The MLflow pages of the sweeps of {@code dataDir} in the server, or none without one. */
  TrackingLinks links(Path dataDir) {
    return server()
        .<TrackingLinks>map(u -> MlflowLinks.of(MlflowTracking.of(u, dataDir, Duration.ofSeconds(waitSeconds)), dataDir))
        .orElse(TrackingLinks.NONE);
  }
}
