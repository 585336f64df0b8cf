package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.coordinator.EventOutbox;
import io.gantry.orchestrator.coordinator.SweepEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The MLflow pages of a data folder's sweeps and trials in one tracking server, from the record of
 * the runs made there (kept beside the outbox): a sweep or trial not delivered yet has none.
 */
public final class MlflowLinks implements TrackingLinks {

  private final String server;
  private final Path dataDir;
  private final Outbox records;

  private MlflowLinks(String server, Path dataDir, Outbox records) {
    this.server = server;
    this.dataDir = dataDir;
    this.records = records;
  }

  /** Links into {@code tracking}'s server, from the records in the store of {@code dataDir}. */
  public static MlflowLinks of(MlflowTracking tracking, Path dataDir) {
    return new MlflowLinks(tracking.server(), dataDir, Outbox.open(dataDir));
  }

  @Override
  public Optional<String> sweepUrl(String sweepId) {
    return url(TrackingEntry.sweepKey(sweepId));
  }

  @Override
  public Optional<String> trialUrl(String sweepId, String trialId) {
    return url(TrackingEntry.trialKey(sweepId, trialId));
  }

  /**
   * A report's metrics go to the trial's run, as a coordinator's do ({@link SweepEntries#metrics}),
   * delivered by the process's courier of this server, the one its sweeps share.
   */
  @Override
  public EventOutbox reportsOutbox(ActorSystem<?> system) {
    return event -> {
      if (!(event instanceof SweepEvent.MetricsReported report)) {
        return List.of();
      }
      // started by the first report, not before, so that a server nobody quizzes starts none; it
      // lingers before it reads the outbox, by when the report's transaction has committed
      Couriers.of(system).courier(server, dataDir, TrackingSettings.from(system.settings().config())).tell(Courier.Nudge.INSTANCE);
      return Outbox.rows(server, List.of(SweepEntries.metrics(report)));
    };
  }

  private Optional<String> url(String runKey) {
    return records.run(server, runKey).map(run -> runPage(server, run));
  }

  /** The page of {@code run} in MLflow's own UI. */
  static String runPage(String server, Outbox.RunRef run) {
    return server + "/#/experiments/" + run.experimentId() + "/runs/" + run.runId();
  }

  /** The page of a registered model's version in MLflow's own UI. */
  static String modelVersionPage(String server, String model, String version) {
    return server + "/#/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20") + "/versions/" + version;
  }

  @Override
  public void close() {
    records.close();
  }
}
