package io.gantry.orchestrator.tracking;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code gantry.tracking} settings (see the orchestrator's {@code reference.conf}).
 *
 * @param window outbox rows one delivery pass reads
 * @param linger how long new rows wait for more before a pass takes them
 * @param minBackoff the wait before the first retry after MLflow failed
 * @param maxBackoff the longest wait between two retries
 * @param uploadTimeout how long one artifact upload may take
 * @param requestTimeout how long one other request to MLflow may take
 * @param sweepEndGrace how long the end of a run waits for the sweep's last events
 */
record TrackingSettings(
    int window, Duration linger, Duration minBackoff, Duration maxBackoff, Duration uploadTimeout, Duration requestTimeout,
    Duration sweepEndGrace) {

  static TrackingSettings from(Config config) {
    Config c = config.getConfig("gantry.tracking");
    return new TrackingSettings(
        c.getInt("window"),
        c.getDuration("linger"),
        c.getDuration("min-backoff"),
        c.getDuration("max-backoff"),
        c.getDuration("upload-timeout"),
        c.getDuration("request-timeout"),
        c.getDuration("sweep-end-grace"));
  }

  /** The wait before retry number {@code failures} (1 for the first), doubling up to the maximum. */
  Duration backoff(int failures) {
    long millis = minBackoff.toMillis() << Math.min(failures - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
