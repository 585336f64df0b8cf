package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A sweep as people and scripts read it: its trials ranked by the sweep's metric (the last value
 * each trial reported), as text tables or as JSON.
 */
final class SweepReport {

  private final SweepRecord sweep;
  private final List<TrialRecord> trials;
  private final Map<String, Map<String, Double>> finalMetrics;

  private SweepReport(SweepRecord sweep, List<TrialRecord> trials, Map<String, Map<String, Double>> finalMetrics) {
    this.sweep = sweep;
    this.trials = trials;
    this.finalMetrics = finalMetrics;
  }

  static SweepReport of(RunStore store, SweepRecord sweep) {
    List<TrialRecord> trials = store.trials(sweep.id());
    Map<String, Map<String, Double>> finalMetrics = new LinkedHashMap<>();
    for (TrialRecord trial : trials) {
      Map<String, Double> last = new TreeMap<>();
      // metrics come ordered by name, then step: the last write per name is the latest value
      store.metrics(sweep.id(), trial.trialId()).forEach(p -> last.put(p.name(), p.value()));
      finalMetrics.put(trial.trialId(), last);
    }
    return new SweepReport(sweep, trials, finalMetrics);
  }

  OptionalDouble objective(TrialRecord trial) {
    Double value = finalMetrics.get(trial.trialId()).get(sweep.metricName());
    return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** Trials with a value of the sweep's metric, best first. */
  List<TrialRecord> ranked() {
    Comparator<TrialRecord> byValue = Comparator.comparingDouble(t -> objective(t).getAsDouble());
    return trials.stream()
        .filter(t -> objective(t).isPresent())
        .sorted(sweep.maximize() ? byValue.reversed() : byValue)
        .toList();
  }

  Optional<TrialRecord> best() {
    return ranked().stream().findFirst();
  }

  String describe() {
    return String.format(
        "sweep %s (%s, %s on %s) %s%n  created %s%s%n  metric %s (%s)%n",
        sweep.id(), sweep.name(), sweep.method(), sweep.model(), sweep.status().name().toLowerCase(Locale.ROOT),
        sweep.createdAt(), sweep.finishedAt().map(f -> ", finished " + f).orElse(""),
        sweep.metricName(), sweep.metricGoal());
  }

  /**
   * Rank, trial, status, the parameters that vary between trials, and the metric; then why each
   * trial a scheduler stopped early was stopped.
   */
  String leaderboard() {
    List<String> varying = varyingParameters();
    List<String> header = new ArrayList<>(List.of("rank", "trial", "status"));
    header.addAll(varying);
    header.add(sweep.metricName());
    TextTable table = new TextTable(header.toArray(String[]::new));
    List<TrialRecord> ordered = new ArrayList<>(ranked());
    trials.stream().filter(t -> !ordered.contains(t)).forEach(ordered::add);
    for (TrialRecord trial : ordered) {
      int rank = ranked().indexOf(trial);
      List<String> row = new ArrayList<>(List.of(rank < 0 ? "-" : Integer.toString(rank + 1), trial.trialId(), statusText(trial)));
      varying.forEach(p -> row.add(format(trial.params().get(p))));
      row.add(objective(trial).isPresent() ? format(objective(trial).getAsDouble()) : "-");
      table.row(row);
    }
    StringBuilder text = new StringBuilder(table.render());
    List<TrialRecord> stoppedEarly = trials.stream().filter(t -> t.stopRung().isPresent()).toList();
    if (!stoppedEarly.isEmpty()) {
      text.append("stopped early:\n");
      stoppedEarly.forEach(t -> text.append("  ").append(t.trialId()).append("  ").append(t.message().orElse("")).append('\n'));
    }
    return text.toString();
  }

  String artifactList(RunStore store) {
    StringBuilder text = new StringBuilder("artifacts in " + sweep.artifactDir() + "\n");
    for (TrialRecord trial : trials) {
      List<ArtifactRecord> files = store.artifacts(sweep.id(), trial.trialId());
      latest(files, "samples").ifPresent(a -> text.append("  ").append(trial.trialId()).append(" samples    ").append(a.path()).append('\n'));
      latest(files, "checkpoint").ifPresent(a -> text.append("  ").append(trial.trialId()).append(" checkpoint ").append(a.path()).append('\n'));
    }
    return text.toString();
  }

  static String sweepTable(List<SweepReport> reports) {
    TextTable table = new TextTable("sweep", "model", "method", "status", "trials", "best", "created");
    for (SweepReport r : reports) {
      long finished = r.trials.stream().filter(t -> t.status().isFinished()).count();
      String best = r.best().map(t -> r.sweep.metricName() + " " + format(r.objective(t).getAsDouble()) + " (" + t.trialId() + ")").orElse("-");
      table.row(List.of(
          r.sweep.id(), r.sweep.model(), r.sweep.method(), r.sweep.status().name().toLowerCase(Locale.ROOT),
          finished + "/" + r.trials.size(), best, r.sweep.createdAt().toString()));
    }
    return table.render();
  }

  Map<String, Object> summaryJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", sweep.id());
    json.put("name", sweep.name());
    json.put("model", sweep.model());
    json.put("method", sweep.method());
    json.put("status", sweep.status().name().toLowerCase(Locale.ROOT));
    json.put("metric", Map.of("name", sweep.metricName(), "goal", sweep.metricGoal()));
    Map<String, Long> counts = new LinkedHashMap<>();
    for (TrialStatus status : TrialStatus.values()) {
      counts.put(status.name().toLowerCase(Locale.ROOT), trials.stream().filter(t -> t.status() == status).count());
    }
    json.put("trials", Map.of("total", trials.size(), "by_status", counts));
    best().ifPresent(t -> json.put("best", Map.of("trial", t.trialId(), "value", objective(t).getAsDouble())));
    json.put("created_at", sweep.createdAt().toString());
    json.put("finished_at", sweep.finishedAt().map(Object::toString).orElse(null));
    json.put("artifact_dir", sweep.artifactDir());
    return json;
  }

  Map<String, Object> fullJson(RunStore store) {
    Map<String, Object> json = summaryJson();
    json.put("spec_yaml", sweep.specYaml());
    json.put("trials", trials.stream().map(t -> trialJson(store, t)).toList());
    return json;
  }

  private Map<String, Object> trialJson(RunStore store, TrialRecord trial) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", trial.trialId());
    json.put("status", trial.status().name().toLowerCase(Locale.ROOT));
    json.put("params", trial.params());
    json.put("seed", trial.seed());
    json.put("worker", trial.worker().orElse(null));
    json.put("device", trial.device().orElse(null));
    json.put("attempt", trial.attempt());
    json.put("last_step", trial.lastStep());
    json.put("message", trial.message().orElse(null));
    json.put("stop_rung", trial.stopRung().isPresent() ? trial.stopRung().getAsLong() : null);
    json.put("started_at", trial.startedAt().map(Object::toString).orElse(null));
    json.put("finished_at", trial.finishedAt().map(Object::toString).orElse(null));
    json.put("objective", objective(trial).isPresent() ? objective(trial).getAsDouble() : null);
    json.put("final_metrics", finalMetrics.get(trial.trialId()));
    Map<String, List<Map<String, Object>>> history = new TreeMap<>();
    for (MetricPoint p : store.metrics(sweep.id(), trial.trialId())) {
      history.computeIfAbsent(p.name(), n -> new ArrayList<>())
          .add(Map.of("step", p.step(), "epoch", p.epoch(), "value", p.value(), "timestamp", p.timestampMillis()));
    }
    json.put("metrics", history);
    json.put(
        "artifacts",
        store.artifacts(sweep.id(), trial.trialId()).stream()
            .map(a -> Map.of("kind", a.kind(), "epoch", a.epoch(), "step", a.step(), "path", a.path()))
            .toList());
    return json;
  }

  private List<String> varyingParameters() {
    Set<String> names = trials.stream().flatMap(t -> t.params().keySet().stream()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    return names.stream()
        .filter(n -> trials.stream().map(t -> t.params().get(n)).filter(Objects::nonNull).distinct().count() > 1)
        .toList();
  }

  private static Optional<ArtifactRecord> latest(List<ArtifactRecord> files, String kind) {
    return files.stream().filter(a -> a.kind().equals(kind)).max(Comparator.comparingInt(ArtifactRecord::epoch));
  }

  private static String statusText(TrialRecord trial) {
    if (trial.stopRung().isPresent()) {
      return "stopped early";
    }
    String status = trial.status().name().toLowerCase(Locale.ROOT);
    return trial.status() == TrialStatus.DIVERGED || trial.status() == TrialStatus.FAILED
        ? status + " at step " + trial.lastStep()
        : status;
  }

  static String format(Object value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.4g", d);
    }
    return String.valueOf(value);
  }
}
