package io.gantry.orchestrator.http;

import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One trial's metric history and files, as the API shows them. */
final class TrialViews {

  private final RunStore store;
  private final ArtifactFiles files;

  TrialViews(RunStore store, ArtifactFiles files) {
    this.store = store;
    this.files = files;
  }

  /** The trial of the sweep with this id (or the newest sweep with this name), if both exist. */
  Optional<TrialRecord> find(String sweepIdOrName, String trialId) {
    return store.sweep(sweepIdOrName)
        .flatMap(s -> store.trials(s.id()).stream().filter(t -> t.trialId().equals(trialId)).findFirst());
  }

  /**
   * The trial's history of metric {@code name}, or of every metric, as columns: for each metric
   * the steps, the epochs and the values (null where the value was NaN or infinite).
   */
  Optional<Map<String, Object>> metrics(String sweepIdOrName, String trialId, Optional<String> name) {
    return find(sweepIdOrName, trialId)
        .map(
            trial -> {
              Map<String, Map<String, List<Object>>> columns = new LinkedHashMap<>();
              for (MetricPoint point : store.metrics(trial.sweepId(), trial.trialId())) {
                if (name.isEmpty() || name.get().equals(point.name())) {
                  Map<String, List<Object>> metric = columns.computeIfAbsent(point.name(), n -> newColumns());
                  metric.get("step").add(point.step());
                  metric.get("epoch").add(point.epoch());
                  metric.get("value").add(JsonResponses.finite(point.value()));
                }
              }
              Map<String, Object> json = header(trial);
              json.put("metrics", columns);
              return json;
            });
  }

  /** The trial's sample grids, checkpoints and other files, each with the URL that serves it. */
  Optional<Map<String, Object>> artifacts(String sweepIdOrName, String trialId) {
    return find(sweepIdOrName, trialId)
        .map(
            trial -> {
              List<Map<String, Object>> list = new ArrayList<>();
              for (ArtifactRecord artifact : store.artifacts(trial.sweepId(), trial.trialId())) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("kind", artifact.kind());
                json.put("epoch", artifact.epoch());
                json.put("step", artifact.step());
                json.put("url", files.url(artifact.path()).orElse(null));
                list.add(json);
              }
              Map<String, Object> json = header(trial);
              json.put("artifacts", list);
              return json;
            });
  }

  private static Map<String, List<Object>> newColumns() {
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (String column : List.of("step", "epoch", "value")) {
      columns.put(column, new ArrayList<>());
    }
    return columns;
  }

  private static Map<String, Object> header(TrialRecord trial) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sweep_id", trial.sweepId());
    json.put("trial_id", trial.trialId());
    json.put("status", trial.status().name().toLowerCase(Locale.ROOT));
    json.put("last_step", trial.lastStep());
    return json;
  }
}
