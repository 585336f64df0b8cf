package io.gantry.orchestrator.http;

import io.gantry.orchestrator.tracking.TrackingLinks;
import java.util.ArrayList;
import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.PreemptionRecord;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.view.SweepSummary;
import io.gantry.orchestrator.view.TrialSummary;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sweeps as the API shows them: a summary for the list (status, progress, best value, links) and
 * the full view of one sweep with its trials, ranked by the latest value of the sweep's metric.
 */
final class SweepViews {

  /** The kind of file a trial's sample grids are recorded as. */
  private static final String SAMPLES = "samples";

  private final RunStore store;
  private final LocalSweeps local;
  private final TrackingLinks links;
  private final ArtifactFiles files;

  SweepViews(RunStore store, LocalSweeps local, TrackingLinks links, ArtifactFiles files) {
    this.store = store;
    this.local = local;
    this.links = links;
    this.files = files;
  }

  /** Every sweep, newest first. */
  List<Map<String, Object>> list() {
    return store.sweeps().stream().map(s -> summary(SweepSummary.read(store, s))).toList();
  }

  /** The sweep with this id (or the newest with this name) and its trials. */
  Optional<Map<String, Object>> detail(String idOrName) {
    return store.sweep(idOrName).map(s -> detail(SweepSummary.read(store, s)));
  }

  private Map<String, Object> detail(SweepSummary summary) {
    Map<String, Object> json = summary(summary);
    Set<String> params = new LinkedHashSet<>();
    Set<String> metrics = new TreeSet<>();
    for (TrialSummary trial : summary.trials()) {
      params.addAll(trial.record().params().keySet());
      metrics.addAll(trial.latestMetrics().keySet());
    }
    json.put("param_names", params);
    json.put("metric_names", metrics);
    json.put("spec_yaml", summary.sweep().specYaml());
    json.putAll(summary.importanceJson());
    json.putAll(summary.objectivesJson());
    json.putAll(summary.lineageJson());
    Map<String, List<Map<String, Object>>> preemptions = new LinkedHashMap<>();
    for (PreemptionRecord p : store.preemptions(summary.sweep().id())) {
      preemptions.computeIfAbsent(p.trialId(), id -> new ArrayList<>()).add(Map.of("step", p.step(), "reason", p.reason(), "at", p.at().toString()));
    }
    Map<String, ArtifactRecord> samples = store.latestArtifacts(summary.sweep().id(), SAMPLES);
    json.put(
        "trials",
        summary.trials().stream()
            .map(t -> trial(summary, t, preemptions.getOrDefault(t.trialId(), List.of()), Optional.ofNullable(samples.get(t.trialId()))))
            .toList());
    return json;
  }

  private Map<String, Object> summary(SweepSummary summary) {
    SweepRecord sweep = summary.sweep();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", sweep.id());
    json.put("name", sweep.name());
    json.put("model", sweep.model());
    json.put("method", sweep.method());
    json.put("status", lower(sweep.status()));
    json.put("metric", Map.of("name", sweep.metricName(), "goal", sweep.metricGoal()));
    json.put("progress", progress(summary));
    json.put("best", summary.best().map(t -> Map.of("trial", t.trialId(), "value", t.objective().getAsDouble())).orElse(null));
    json.put("created_at", sweep.createdAt().toString());
    json.put("finished_at", sweep.finishedAt().map(Object::toString).orElse(null));
    LocalSweeps.Presence presence = local.presence(sweep.id());
    json.put("live", presence == LocalSweeps.Presence.ABSENT ? null : lower(presence));
    json.put("mlflow_url", links.sweepUrl(sweep.id()).orElse(null));
    return json;
  }

  /** The planned total, how many are done, and counts by trial status. */
  private static Map<String, Object> progress(SweepSummary summary) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("total", summary.plannedTrials());
    counts.put("done", summary.done());
    summary.byStatus().forEach((status, count) -> counts.put(lower(status), count));
    return counts;
  }

  private Map<String, Object> trial(SweepSummary sweepSummary, TrialSummary summary, List<Map<String, Object>> preemptions, Optional<ArtifactRecord> samples) {
    SweepRecord sweep = sweepSummary.sweep();
    TrialRecord trial = summary.record();
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
    json.put("preemptions", preemptions);
    json.put("started_at", trial.startedAt().map(Object::toString).orElse(null));
    json.put("finished_at", trial.finishedAt().map(Object::toString).orElse(null));
    json.put("objective", summary.objective().isPresent() ? summary.objective().getAsDouble() : null);
    json.put("objective_noise", summary.noise().isPresent() ? summary.noise().getAsDouble() : null);
    json.put("within_noise_of_best", sweepSummary.withinNoiseOfBest(summary).orElse(null));
    json.putAll(sweepSummary.trialObjectivesJson(summary));
    Map<String, Double> metrics = new LinkedHashMap<>();
    summary.latestMetrics().forEach((name, value) -> metrics.put(name, JsonResponses.finite(value)));
    json.put("metrics", metrics);
    json.put("mlflow_url", links.trialUrl(sweep.id(), trial.trialId()).orElse(null));
    json.put("latest_samples", samples.flatMap(this::picture).orElse(null));
    return json;
  }

  /** A picture's epoch, step and URL; none for a file the server does not serve. */
  private Optional<Map<String, Object>> picture(ArtifactRecord artifact) {
    return files.url(artifact.path()).map(url -> Map.of("epoch", artifact.epoch(), "step", artifact.step(), "url", url));
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
