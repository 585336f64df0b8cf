package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.search.ParameterImportance;
import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.Objectives;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.tracking.TrackingLinks;
import io.gantry.orchestrator.view.SweepSummary;
import io.gantry.orchestrator.view.TrialSummary;
import io.gantry.protocol.trial.CheckpointFolders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A sweep as people and scripts read it: its trials ranked by the sweep's metric (the last value
 * each trial reported), as text tables or as JSON.
 */
final class SweepReport {

  private final SweepSummary summary;
  private final SweepRecord sweep;

  private SweepReport(SweepSummary summary) {
    this.summary = summary;
    this.sweep = summary.sweep();
  }

  static SweepReport of(RunStore store, SweepRecord sweep) {
    return new SweepReport(SweepSummary.read(store, sweep));
  }

  String describe() {
    Objectives objectives = sweep.objectives();
    String metrics =
        objectives.metrics().stream().map(m -> m.name() + " (" + m.goal() + ")").collect(Collectors.joining(", "));
    String constraints =
        objectives.constraints().isEmpty()
            ? ""
            : String.format(
                "  constraints %s%n",
                objectives.constraints().stream().map(SweepReport::boundText).collect(Collectors.joining(", ")));
    return String.format(
        "sweep %s (%s, %s on %s) %s%n  created %s%s%n  %s %s%n%s",
        sweep.id(), sweep.name(), sweep.method(), sweep.model(), sweep.status().name().toLowerCase(Locale.ROOT),
        sweep.createdAt(), sweep.finishedAt().map(f -> ", finished " + f).orElse(""),
        objectives.metrics().size() == 1 ? "metric" : "metrics", metrics, constraints);
  }

  /** {@code 0.2 <= val/recall <= 0.9}, {@code val/fid <= 50}. */
  private static String boundText(Objectives.Bound bound) {
    return (bound.min().isPresent() ? format(bound.min().getAsDouble()) + " <= " : "")
        + bound.metric()
        + (bound.max().isPresent() ? " <= " + format(bound.max().getAsDouble()) : "");
  }

  /**
   * Rank, trial, status, the parameters that vary between trials, and the metric; for a metric
   * measured with its noise, that noise and which trials the best cannot be told apart from; for a
   * sweep of several metrics or with constraints, the other metrics, whether the trial is feasible
   * and a {@code *} on the Pareto front's trials; then why each trial a scheduler stopped early was
   * stopped.
   */
  String leaderboard() {
    List<String> varying = varyingParameters();
    List<String> header = new ArrayList<>(List.of("rank", "trial", "status"));
    header.addAll(varying);
    header.add(sweep.metricName());
    boolean noisy = summary.trials().stream().anyMatch(t -> t.noise().isPresent());
    if (noisy) {
      header.addAll(List.of("±", "vs best"));
    }
    Objectives objectives = sweep.objectives();
    List<String> otherMetrics = objectives.metrics().stream().skip(1).map(Objectives.Target::name).toList();
    header.addAll(otherMetrics);
    boolean constrained = !objectives.constraints().isEmpty();
    if (constrained) {
      header.add("feasible");
    }
    if (objectives.beyondOneMetric()) {
      header.add("front");
    }
    TextTable table = new TextTable(header.toArray(String[]::new));
    List<TrialSummary> ranked = summary.ranked();
    List<TrialSummary> ordered = new ArrayList<>(ranked);
    summary.trials().stream().filter(t -> t.objective().isEmpty()).forEach(ordered::add);
    for (TrialSummary trial : ordered) {
      int rank = ranked.indexOf(trial);
      TrialRecord record = trial.record();
      List<String> row = new ArrayList<>(List.of(rank < 0 ? "-" : Integer.toString(rank + 1), record.trialId(), statusText(record)));
      varying.forEach(p -> row.add(format(record.params().get(p))));
      row.add(trial.objective().isPresent() ? format(trial.objective().getAsDouble()) : "-");
      if (noisy) {
        row.add(trial.noise().isPresent() ? format(trial.noise().getAsDouble()) : "-");
        row.add(rank == 0 ? "best" : summary.withinNoiseOfBest(trial).map(w -> w ? "within noise" : "").orElse(""));
      }
      otherMetrics.forEach(m -> row.add(Optional.ofNullable(trial.latestMetrics().get(m)).map(SweepReport::format).orElse("-")));
      if (constrained) {
        row.add(summary.feasible(trial).orElseThrow() ? "yes" : "no");
      }
      if (objectives.beyondOneMetric()) {
        row.add(summary.front().contains(trial) ? "*" : "");
      }
      table.row(row);
    }
    StringBuilder text = new StringBuilder(table.render());
    if (!summary.lineage().isEmpty()) {
      text.append("lineage (pbt):\n");
      summary.lineage().forEach(l -> text.append(String.format("  %s at step %d copied %s%s%n", l.trialId(), l.step(), l.parentId(), changes(l))));
    }
    List<TrialRecord> stoppedEarly = records().stream().filter(t -> t.stopRung().isPresent()).toList();
    if (!stoppedEarly.isEmpty()) {
      text.append("stopped early:\n");
      stoppedEarly.forEach(t -> text.append("  ").append(t.trialId()).append("  ").append(t.message().orElse("")).append('\n'));
    }
    return text.toString();
  }

  /**
   * Each varying parameter's share of what the parameters explain of the metric's variance across
   * completed trials, largest first, with a bar of up to 30 #; or why there is none.
   */
  String importanceTable() {
    ParameterImportance importance = summary.importance();
    String heading = "importance for " + sweep.metricName() + " (marginal, completed trials";
    if (importance.missingReason().isPresent()) {
      return heading + "): " + importance.missingReason().get() + "\n";
    }
    heading += String.format(Locale.ROOT, "; together %.0f%% of its variance)", 100 * importance.explained());
    TextTable table = new TextTable("parameter", "importance", "");
    importance.shares().forEach(
        (name, share) -> table.row(List.of(name, String.format(Locale.ROOT, "%.1f%%", 100 * share), "#".repeat((int) Math.round(30 * share)))));
    return heading + ":\n" + table.render();
  }

  Map<String, Object> importanceJson() {
    return summary.importanceJson();
  }

  String artifactList(RunStore store) {
    StringBuilder text = new StringBuilder("artifacts in " + sweep.artifactDir() + "\n");
    for (TrialRecord trial : records()) {
      List<ArtifactRecord> files = store.artifacts(sweep.id(), trial.trialId());
      latest(files, "samples").ifPresent(a -> text.append("  ").append(trial.trialId()).append(" samples    ").append(a.path()).append('\n'));
      latest(files, CheckpointFolders.KIND).ifPresent(a -> text.append("  ").append(trial.trialId()).append(" checkpoint ").append(a.path()).append('\n'));
    }
    return text.toString();
  }

  /** Where the sweep and each trial are in MLflow's own UI, as far as {@code links} know. */
  String trackingLinks(TrackingLinks links) {
    StringBuilder text = new StringBuilder();
    links.sweepUrl(sweep.id()).ifPresent(url -> text.append("mlflow: ").append(url).append('\n'));
    for (TrialRecord trial : records()) {
      links.trialUrl(sweep.id(), trial.trialId()).ifPresent(url -> text.append("  ").append(trial.trialId()).append(' ').append(url).append('\n'));
    }
    return text.toString();
  }

  static String sweepTable(List<SweepReport> reports) {
    TextTable table = new TextTable("sweep", "model", "method", "status", "trials", "best", "created");
    for (SweepReport r : reports) {
      String best = r.summary.best().map(t -> r.sweep.metricName() + " " + format(t.objective().getAsDouble()) + " (" + t.trialId() + ")").orElse("-");
      table.row(List.of(
          r.sweep.id(), r.sweep.model(), r.sweep.method(), r.sweep.status().name().toLowerCase(Locale.ROOT),
          r.summary.done() + "/" + r.summary.plannedTrials(), best, r.sweep.createdAt().toString()));
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
    summary.byStatus().forEach((status, count) -> counts.put(status.name().toLowerCase(Locale.ROOT), count));
    json.put("trials", Map.of("total", summary.plannedTrials(), "by_status", counts));
    summary.best().ifPresent(t -> json.put("best", Map.of("trial", t.trialId(), "value", t.objective().getAsDouble())));
    json.put("created_at", sweep.createdAt().toString());
    json.put("finished_at", sweep.finishedAt().map(Object::toString).orElse(null));
    json.put("artifact_dir", sweep.artifactDir());
    return json;
  }

  Map<String, Object> fullJson(RunStore store, TrackingLinks links) {
    Map<String, Object> json = summaryJson();
    json.put("spec_yaml", sweep.specYaml());
    json.putAll(summary.objectivesJson());
    json.putAll(summary.lineageJson());
    json.put("mlflow_url", links.sweepUrl(sweep.id()).orElse(null));
    json.put("trials", summary.trials().stream().map(t -> trialJson(store, t, links)).toList());
    return json;
  }

  private Map<String, Object> trialJson(RunStore store, TrialSummary trial, TrackingLinks links) {
    TrialRecord record = trial.record();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", record.trialId());
    json.put("mlflow_url", links.trialUrl(sweep.id(), record.trialId()).orElse(null));
    json.put("status", record.status().name().toLowerCase(Locale.ROOT));
    json.put("params", record.params());
    json.put("seed", record.seed());
    json.put("worker", record.worker().orElse(null));
    json.put("device", record.device().orElse(null));
    json.put("attempt", record.attempt());
    json.put("last_step", record.lastStep());
    json.put("message", record.message().orElse(null));
    json.put("stop_rung", record.stopRung().isPresent() ? record.stopRung().getAsLong() : null);
    json.put("started_at", record.startedAt().map(Object::toString).orElse(null));
    json.put("finished_at", record.finishedAt().map(Object::toString).orElse(null));
    json.put("objective", trial.objective().isPresent() ? trial.objective().getAsDouble() : null);
    json.put("objective_noise", trial.noise().isPresent() ? trial.noise().getAsDouble() : null);
    json.put("within_noise_of_best", summary.withinNoiseOfBest(trial).orElse(null));
    json.putAll(summary.trialObjectivesJson(trial));
    json.put("final_metrics", trial.latestMetrics());
    Map<String, List<Map<String, Object>>> history = new TreeMap<>();
    for (MetricPoint p : store.metrics(sweep.id(), record.trialId())) {
      history.computeIfAbsent(p.name(), n -> new ArrayList<>())
          .add(Map.of("step", p.step(), "epoch", p.epoch(), "value", p.value(), "timestamp", p.timestampMillis()));
    }
    json.put("metrics", history);
    json.put(
        "artifacts",
        store.artifacts(sweep.id(), record.trialId()).stream()
            .map(a -> Map.of("kind", a.kind(), "epoch", a.epoch(), "step", a.step(), "path", a.path()))
            .toList());
    return json;
  }

  /** {@code : lr_g 0.0002 -> 0.00024}, the parameters an exploit changed. */
  private static String changes(LineageRecord exploit) {
    String changed = exploit.changes(SweepReport::format);
    return changed.isEmpty() ? "" : ": " + changed;
  }

  private List<TrialRecord> records() {
    return summary.trials().stream().map(TrialSummary::record).toList();
  }

  private List<String> varyingParameters() {
    List<TrialRecord> trials = records();
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
