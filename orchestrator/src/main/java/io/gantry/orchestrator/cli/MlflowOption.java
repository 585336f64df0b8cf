package io.gantry.orchestrator.cli;

import com.typesafe.config.ConfigFactory;
import io.gantry.orchestrator.tracking.MlflowLinks;
import io.gantry.orchestrator.tracking.MlflowSync;
import io.gantry.orchestrator.tracking.MlflowTracking;
import io.gantry.orchestrator.tracking.SweepTracking;
import io.gantry.orchestrator.tracking.TrackingLinks;
import java.io.PrintWriter;
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

  /** How long to wait at most for MLflow to have everything. */
  Duration waitLimit() {
    return Duration.ofSeconds(waitSeconds);
  }

  /**
   * Delivering the outbox of {@code dataDir} to the server now, for {@code command}; none, having
   * said why on {@code err}, without a server or for a URL that is no MLflow server's.
   */
  Optional<MlflowSync> sync(Path dataDir, String command, PrintWriter err) {
    if (server().isEmpty()) {
      err.println(command + " needs the MLflow server: --mlflow URL, or MLFLOW_TRACKING_URI");
      return Optional.empty();
    }
    try {
      return Optional.of(MlflowSync.of(MlflowTracking.of(server().get(), dataDir, waitLimit()), dataDir, ConfigFactory.load()));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return Optional.empty();
    }
  }

  /** The MLflow pages of the sweeps of {@code dataDir} in the server, or none without one. */
  TrackingLinks links(Path dataDir) {
    return server()
        .<TrackingLinks>map(u -> MlflowLinks.of(MlflowTracking.of(u, dataDir, Duration.ofSeconds(waitSeconds)), dataDir))
        .orElse(TrackingLinks.NONE);
  }
}
