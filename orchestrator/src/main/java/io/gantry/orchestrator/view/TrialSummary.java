package io.gantry.orchestrator.view;

import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.protocol.catalog.ModelCatalog;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One trial as it is read: its record, the latest value of each of its metrics (by name), and its
 * objective, the latest value of the sweep's metric. A NaN or infinite objective (a diverged
 * trial's) is none: such a trial is not ranked. The objective's noise is the standard error the
 * worker measured with it, for a metric that has one ({@link ModelCatalog#noiseOf}).
 */
public record TrialSummary(
    TrialRecord record, Map<String, Double> latestMetrics, OptionalDouble objective, OptionalDouble noise) {

  public TrialSummary {
    latestMetrics = Collections.unmodifiableMap(new TreeMap<>(latestMetrics));
  }

  static TrialSummary of(TrialRecord record, Map<String, Double> latestMetrics, String metricName) {
    return new TrialSummary(
        record,
        latestMetrics,
        finite(latestMetrics.get(metricName)),
        ModelCatalog.noiseOf(metricName).map(n -> finite(latestMetrics.get(n))).orElse(OptionalDouble.empty()));
  }

  private static OptionalDouble finite(Double value) {
    return value != null && Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  public String trialId() {
    return record.trialId();
  }
}
