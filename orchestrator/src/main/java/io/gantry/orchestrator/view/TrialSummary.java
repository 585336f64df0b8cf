package io.gantry.orchestrator.view;

import io.gantry.orchestrator.store.TrialRecord;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One trial as it is read: its record, the latest value of each of its metrics (by name), and its
 * objective, the latest value of the sweep's metric. A NaN or infinite objective (a diverged
 * trial's) is none: such a trial is not ranked.
 */
public record TrialSummary(TrialRecord record, Map<String, Double> latestMetrics, OptionalDouble objective) {

  public TrialSummary {
    latestMetrics = Collections.unmodifiableMap(new TreeMap<>(latestMetrics));
  }

  static TrialSummary of(TrialRecord record, Map<String, Double> latestMetrics, String metricName) {
    Double value = latestMetrics.get(metricName);
    OptionalDouble objective = value != null && Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    return new TrialSummary(record, latestMetrics, objective);
  }

  public String trialId() {
    return record.trialId();
  }
}
