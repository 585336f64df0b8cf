package io.gantry.orchestrator.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Fits log operations into MLflow's {@code runs/log-batch} limits: at most 1000 metrics, 100
 * params and 100 tags, 1000 entities in all, per request. Merging several operations of one run
 * first saves requests; it also removes repeats MLflow would refuse in one request (a param twice)
 * or store twice.
 */
final class LogBatches {

  static final int MAX_METRICS = 1000;
  static final int MAX_PARAMS = 100;
  static final int MAX_TAGS = 100;
  static final int MAX_ENTITIES = 1000;

  private LogBatches() {}

  /** One operation with everything in {@code logs}: a param's first value and a tag's last win. */
  static TrackingOp.Log merge(List<TrackingOp.Log> logs) {
    LinkedHashSet<TrackingOp.Metric> metrics = new LinkedHashSet<>();
    Map<String, TrackingOp.KeyValue> params = new LinkedHashMap<>();
    Map<String, TrackingOp.KeyValue> tags = new LinkedHashMap<>();
    for (TrackingOp.Log log : logs) {
      metrics.addAll(log.metrics());
      log.params().forEach(p -> params.putIfAbsent(p.key(), p));
      log.tags().forEach(t -> tags.put(t.key(), t));
    }
    return new TrackingOp.Log(List.copyOf(metrics), List.copyOf(params.values()), List.copyOf(tags.values()));
  }

  /** {@code log} cut into requests within the limits, params and tags first. */
  static List<TrackingOp.Log> split(TrackingOp.Log log) {
    List<TrackingOp.Log> requests = new ArrayList<>();
    int m = 0;
    int p = 0;
    int t = 0;
    while (m < log.metrics().size() || p < log.params().size() || t < log.tags().size()) {
      int params = Math.min(MAX_PARAMS, log.params().size() - p);
      int tags = Math.min(MAX_TAGS, log.tags().size() - t);
      int metrics = Math.min(Math.min(MAX_METRICS, MAX_ENTITIES - params - tags), log.metrics().size() - m);
      requests.add(
          new TrackingOp.Log(
              log.metrics().subList(m, m + metrics), log.params().subList(p, p + params), log.tags().subList(t, t + tags)));
      m += metrics;
      p += params;
      t += tags;
    }
    return requests;
  }
}
