package io.gantry.orchestrator.http;

import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sweeps as the API shows them: a summary for the list (status, progress, best value, links) and
 * the full view of one sweep with its trials, ranked by the latest value of the sweep's metric.
 */
final class SweepViews {

  private final RunStore store;
  private final LocalSweeps local;
  private final TrackingLinks links;
  private final Map<String, OptionalInt> fileMaxTrials = new ConcurrentHashMap<>();

  SweepViews(RunStore store, LocalSweeps local, TrackingLinks links) {
    this.store = store;
    this.local = local;
    this.links = links;
  }

  /** Every sweep, newest first. */
  List<Map<String, Object>> list() {
    return store.sweeps().stream().map(s -> summary(s, store.trials(s.id()), store.latestMetrics(s.id()))).toList();
  }

  /** The sweep with this id (or the newest with this name) and its trials. */
  Optional<Map<String, Object>> detail(String idOrName) {
    return store.sweep(idOrName).map(this::detail);
  }

  private Map<String, Object> detail(SweepRecord sweep) {
    List<TrialRecord> trials = store.trials(sweep.id());
    Map<String, Map<String, Double>> latest = store.latestMetrics(sweep.id());
    Map<String, Object> json = summary(sweep, trials, latest);
    Set<String> params = new LinkedHashSet<>();
    trials.forEach(t -> params.addAll(t.params().keySet()));
    Set<String> metrics = new TreeSet<>();
    latest.values().forEach(m -> metrics.addAll(m.keySet()));
    json.put("param_names", params);
    json.put("metric_names", metrics);
    json.put("spec_yaml", sweep.specYaml());
    json.put("trials", trials.stream().map(t -> trial(sweep, t, latest.getOrDefault(t.trialId(), Map.of()))).toList());
    return json;
  }

  private Map<String, Object> summary(SweepRecord sweep, List<TrialRecord> trials, Map<String, Map<String, Double>> latest) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", sweep.id());
    json.put("name", sweep.name());
    json.put("model", sweep.model());
    json.put("method", sweep.method());
    json.put("status", lower(sweep.status()));
    json.put("metric", Map.of("name", sweep.metricName(), "goal", sweep.metricGoal()));
    json.put("progress", progress(sweep, trials));
    Comparator<TrialRecord> byObjective = Comparator.comparingDouble(t -> objective(sweep, latest, t).orElseThrow());
    Optional<TrialRecord> best =
        trials.stream()
            .filter(t -> objective(sweep, latest, t).isPresent())
            .min(sweep.maximize() ? byObjective.reversed() : byObjective);
    json.put("best", best.map(t -> Map.of("trial", t.trialId(), "value", objective(sweep, latest, t).orElseThrow())).orElse(null));
    json.put("created_at", sweep.createdAt().toString());
    json.put("finished_at", sweep.finishedAt().map(Object::toString).orElse(null));
    LocalSweeps.Presence presence = local.presence(sweep.id());
    json.put("live", presence == LocalSweeps.Presence.ABSENT ? null : lower(presence));
    json.put("mlflow_url", links.sweepUrl(sweep.id()).orElse(null));
    return json;
  }

  /**
   * Counts by trial status; {@code queued} includes the trials a running sweep has yet to
   * propose, since its search strategy proposes each one only when a worker is free.
   */
  private Map<String, Object> progress(SweepRecord sweep, List<TrialRecord> trials) {
    Map<String, Object> counts = new LinkedHashMap<>();
    int planned = trials.size();
    if (sweep.status() == SweepStatus.RUNNING) {
      OptionalInt limit = store.trialLimit(sweep.id());
      planned = Math.max(planned, limit.isPresent() ? limit.getAsInt() : fileMaxTrials(sweep).orElse(planned));
    }
    counts.put("total", planned);
    counts.put("done", trials.stream().filter(t -> t.status().isFinished()).count());
    for (TrialStatus status : TrialStatus.values()) {
      counts.put(lower(status), trials.stream().filter(t -> t.status() == status).count());
    }
    counts.put("queued", (long) counts.get("queued") + planned - trials.size());
    return counts;
  }

  private OptionalInt fileMaxTrials(SweepRecord sweep) {
    return fileMaxTrials.computeIfAbsent(
        sweep.id(),
        id -> {
          try {
            Path source = Path.of(Optional.ofNullable(sweep.sourcePath()).orElse(sweep.name() + ".yaml"));
            return OptionalInt.of(SweepSpecParser.parse(sweep.specYaml(), source).maxTrials());
          } catch (SweepSpecException e) {
            return OptionalInt.empty();
          }
        });
  }

  private Map<String, Object> trial(SweepRecord sweep, TrialRecord trial, Map<String, Double> latest) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", trial.trialId());
    json.put("seq", trial.seq());
    json.put("status", lower(trial.status()));
    json.put("params", trial.params());
    json.put("seed", trial.seed());
    json.put("worker", trial.worker().orElse(null));
    json.put("device", trial.device().orElse(null));
    json.put("attempt", trial.attempt());
    json.put("last_step", trial.lastStep());
    json.put("stop_rung", trial.stopRung().isPresent() ? trial.stopRung().getAsLong() : null);
    json.put("message", trial.message().orElse(null));
    json.put("started_at", trial.startedAt().map(Object::toString).orElse(null));
    json.put("finished_at", trial.finishedAt().map(Object::toString).orElse(null));
    json.put("objective", JsonResponses.finite(latest.getOrDefault(sweep.metricName(), Double.NaN)));
    Map<String, Double> metrics = new LinkedHashMap<>();
    latest.forEach((name, value) -> metrics.put(name, JsonResponses.finite(value)));
    json.put("metrics", metrics);
    json.put("mlflow_url", links.trialUrl(sweep.id(), trial.trialId()).orElse(null));
    return json;
  }

  private static Optional<Double> objective(SweepRecord sweep, Map<String, Map<String, Double>> latest, TrialRecord trial) {
    return Optional.ofNullable(latest.getOrDefault(trial.trialId(), Map.of()).get(sweep.metricName())).filter(Double::isFinite);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
