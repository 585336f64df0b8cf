package io.gantry.orchestrator.tracking;

import com.typesafe.config.Config;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;

/**
 * Delivering a data folder's outbox to one MLflow server now, on the calling thread, rather than
 * by a running sweep's courier: {@code gantry mlflow-sync} and {@code gantry register}. Retries
 * what MLflow fails with the courier's backoff until the outbox is empty or {@code within} has
 * passed; a Gantry process that is delivering the same outbox already is left to it.
 */
public final class MlflowSync {

  /**
   * What a sync did: rows delivered, rows MLflow refused for good (set aside), rows still pending,
   * and why it stopped early, if it did.
   */
  public record Report(int delivered, int rejected, long pending, Optional<String> failure) {}

  /** A registered model version: the model's name, the version, and its page in MLflow's UI. */
  public record RegisteredVersion(String model, String version, String page) {}

  private final String server;
  private final Path dataDir;
  private final TrackingSettings settings;

  private MlflowSync(String server, Path dataDir, TrackingSettings settings) {
    this.server = server;
    this.dataDir = dataDir;
    this.settings = settings;
  }

  /** Syncing the outbox of {@code dataDir} to {@code tracking}'s server, with the {@code gantry.tracking} settings of {@code config}. */
  public static MlflowSync of(MlflowTracking tracking, Path dataDir, Config config) {
    return new MlflowSync(tracking.server(), dataDir, TrackingSettings.from(config));
  }

  public String server() {
    return server;
  }

  /** Delivers the rows of {@code sweepId}, or of every sweep, within {@code within}. */
  public Report deliver(Optional<String> sweepId, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    int delivered = 0;
    int rejected = 0;
    int failures = 0;
    try (Outbox outbox = Outbox.open(dataDir);
        MlflowSink sink = new MlflowSink(server, outbox, settings.uploadTimeout(), settings.requestTimeout());
        DeliveryRound round = new DeliveryRound(server, dataDir, outbox, sink, settings.window(), sweepId)) {
      while (true) {
        DeliveryRound.Result pass = round.run();
        delivered += pass.delivered();
        rejected += pass.rejected();
        boolean elsewhere = pass.failure().filter(DeliveryLock.HELD_ELSEWHERE::equals).isPresent();
        if (pass.failure().isEmpty()) {
          failures = 0;
        }
        if (elsewhere || (!pass.more() && pass.failure().isEmpty())) {
          return new Report(delivered, rejected, outbox.pendingCount(server, sweepId), pass.failure());
        }
        if (pass.failure().isPresent()) {
          Duration wait = settings.backoff(++failures);
          if (Instant.now().plus(wait).isAfter(deadline)) {
            return new Report(delivered, rejected, outbox.pendingCount(server, sweepId), pass.failure());
          }
          Thread.sleep(wait.toMillis());
        }
      }
    }
  }

  /**
   * Whether the trial's run is in the server, or on its way there: made, or its creation waiting
   * in the outbox.
   */
  public boolean tracks(String sweepId, String trialId) {
    String runKey = TrackingEntry.trialKey(sweepId, trialId);
    try (Outbox outbox = Outbox.open(dataDir)) {
      return outbox.run(server, runKey).isPresent() || outbox.pendingCount(server, runKey) > 0;
    }
  }

  /**
   * Puts the registration of the trial, with its {@code objective}, in the outbox of {@code
   * store}, behind what the trial's run still waits for, then delivers the sweep's rows.
   */
  public Report register(RunStore store, SweepRecord sweep, String trialId, double objective, Duration within) throws InterruptedException {
    store.addOutboxRows(Outbox.rows(server, List.of(SweepEntries.registration(sweep, trialId, objective))));
    return deliver(Optional.of(sweep.id()), within);
  }

  /** The registry's version of the trial's run, once it is there. */
  public Optional<RegisteredVersion> registered(SweepRecord sweep, String trialId) {
    try (Outbox outbox = Outbox.open(dataDir);
        MlflowClient client = new MlflowClient(server)) {
      return outbox
          .run(server, TrackingEntry.trialKey(sweep.id(), trialId))
          .flatMap(
              run ->
                  client.searchModelVersions(MlflowSink.versionsOfRun(sweep.name(), run.runId()))
                      .getItems().stream()
                      .findFirst())
          .map(v -> new RegisteredVersion(v.getName(), v.getVersion(), MlflowLinks.modelVersionPage(server, v.getName(), v.getVersion())));
    }
  }
}
