package io.gantry.orchestrator.tracking;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The MLflow pages of a data folder's sweeps and trials in one tracking server, from the record of
 * the runs made there (kept beside the outbox): a sweep or trial not delivered yet has none.
 */
public final class MlflowLinks implements TrackingLinks {

  private final String server;
  private final Outbox records;

  private MlflowLinks(String server, Outbox records) {
    this.server = server;
    this.records = records;
  }

  /** Links into {@code tracking}'s server, from the records in the store of {@code dataDir}. */
  public static MlflowLinks of(MlflowTracking tracking, Path dataDir) {
    return new MlflowLinks(tracking.server(), Outbox.open(dataDir));
  }

  @Override
  public Optional<String> sweepUrl(String sweepId) {
    return url(TrackingEntry.sweepKey(sweepId));
  }

  @Override
  public Optional<String> trialUrl(String sweepId, String trialId) {
    return url(TrackingEntry.trialKey(sweepId, trialId));
  }

  private Optional<String> url(String runKey) {
    return records.run(server, runKey).map(run -> runPage(server, run));
  }

  /** The page of {@code run} in MLflow's own UI. */
  static String runPage(String server, Outbox.RunRef run) {
    return server + "/#/experiments/" + run.experimentId() + "/runs/" + run.runId();
  }

  @Override
  public void close() {
    records.close();
  }
}
