package io.gantry.orchestrator.http;

import io.gantry.orchestrator.coordinator.SweepEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A {@link SweepEvent} as the event stream sends it: its type, and its fields in snake case. */
final class EventJson {

  private EventJson() {}

  /** The event's type on the stream: {@code trial_started}, {@code metrics_reported}, ... */
  static String type(SweepEvent event) {
    return event.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  static Map<String, Object> fields(SweepEvent event, ArtifactFiles files) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sweep_id", event.sweepId());
    if (event instanceof SweepEvent.TrialAdded e) {
      json.put("trial_id", e.trialId());
      json.put("seq", e.seq());
      json.put("params", e.params());
    } else if (event instanceof SweepEvent.TrialStarted e) {
      json.put("trial_id", e.trialId());
      json.put("worker", e.workerId());
      json.put("device", e.device());
      json.put("attempt", e.attempt());
    } else if (event instanceof SweepEvent.MetricsReported e) {
      json.put("trial_id", e.trialId());
      json.put("step", e.step());
      json.put("epoch", e.epoch());
      Map<String, Double> metrics = new LinkedHashMap<>();
      e.metrics().forEach((name, value) -> metrics.put(name, JsonResponses.finite(value)));
      json.put("metrics", metrics);
    } else if (event instanceof SweepEvent.ArtifactSaved e) {
      json.put("trial_id", e.trialId());
      json.put("kind", e.artifact().kind());
      json.put("epoch", e.artifact().epoch());
      json.put("step", e.artifact().step());
      json.put("url", files.url(e.artifact().path()).orElse(null));
    } else if (event instanceof SweepEvent.TrialRequeued e) {
      json.put("trial_id", e.trialId());
      json.put("message", e.reason());
    } else if (event instanceof SweepEvent.TrialPreempted e) {
      json.put("trial_id", e.trialId());
      json.put("step", e.step());
      json.put("message", e.reason());
    } else if (event instanceof SweepEvent.TrialExploited e) {
      json.put("trial_id", e.exploit().trialId());
      json.put("step", e.exploit().step());
      json.put("parent", e.exploit().parentId());
      json.put("params", e.exploit().newParams());
      json.put("message", e.message());
    } else if (event instanceof SweepEvent.TrialEnded e) {
      json.put("trial_id", e.trialId());
      json.put("status", e.status().name().toLowerCase(Locale.ROOT));
      json.put("last_step", e.lastStep());
      json.put("message", e.message());
    } else if (event instanceof SweepEvent.StopDecided e) {
      json.put("trial_id", e.trialId());
      json.put("rung", e.decision().rung());
      json.put("message", e.decision().reason());
    } else if (event instanceof SweepEvent.LimitRaised e) {
      json.put("max_trials", e.maxTrials());
    } else if (event instanceof SweepEvent.SweepEnded e) {
      json.put("status", e.status().name().toLowerCase(Locale.ROOT));
      e.best().ifPresent(best -> json.put("best", Map.of("trial_id", best.trialId(), "objective", best.objective())));
    }
    return json;
  }
}
