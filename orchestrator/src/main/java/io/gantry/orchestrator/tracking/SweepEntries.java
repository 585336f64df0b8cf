package io.gantry.orchestrator.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.coordinator.SweepEvent;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.CheckpointFolders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * What MLflow should get for one sweep, event by event: the experiment is named after the sweep,
 * the sweep has a parent run (named by its id) and each trial a child run (named by its id). Keeps
 * what it must remember between events: each trial's parameters and seed as planned, which trials
 * have a run, and each one's latest checkpoint.
 */
final class SweepEntries {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The run tag by which MLflow's UI knows that a run has images to show. */
  static final String LOGGED_IMAGES_TAG = "mlflow.loggedImages";

  /** The longer side of a thumbnail, as MLflow's {@code log_image} makes them. */
  static final int THUMBNAIL_SIDE = 256;

  /** The run tag with the run's page in Gantry's web UI. */
  static final String PAGE_TAG = "gantry.url";

  /**
   * The folder of a trial's run that holds what a registered model version is made of: the
   * trial's last checkpoint and its config.
   */
  static final String MODEL_FOLDER = "model";

  private final SweepRecord sweep;
  private final SweepPlan plan;
  private final Map<String, Long> seeds = new HashMap<>();
  private final Map<String, Map<String, Object>> given = new HashMap<>();
  private final Optional<String> gitCommit;
  private final Optional<String> pages;
  private final LongSupplier clock;
  private final Set<String> started = new HashSet<>();
  private final Map<String, String> lastCheckpoint = new HashMap<>();
  /** The name in MLflow's image layout of each picture sent, by run key and file. */
  private final Map<String, String> imageNames = new HashMap<>();
  /** A pbt sweep's exploits so far, which its run keeps as {@code pbt/lineage.json}. */
  private final List<LineageRecord> lineage = new ArrayList<>();

  /**
   * The entries of {@code sweep}; with {@code pages}, the web UI's address, each run is tagged
   * with its page there.
   */
  SweepEntries(
      SweepRecord sweep, SweepPlan plan, List<TrialRecord> trials, List<LineageRecord> lineage, Optional<String> gitCommit,
      Optional<String> pages, LongSupplier clock) {
    this.sweep = sweep;
    this.lineage.addAll(lineage);
    this.plan = plan;
    trials.forEach(t -> planned(t.trialId(), t.params(), t.seed()));
    this.gitCommit = gitCommit;
    this.pages = pages;
    this.clock = clock;
  }

  String sweepId() {
    return sweep.id();
  }

  /** The sweep's run: its settings as params, method, model and scheduler as tags, its file. */
  List<TrackingEntry> sweepStarted() {
    Map<String, String> yaml = YamlParams.of(sweep.specYaml());
    List<TrackingOp.KeyValue> tags = new ArrayList<>();
    tags.add(tag("method", sweep.method()));
    tags.add(tag("model", sweep.model()));
    tags.add(tag("scheduler", yaml.getOrDefault("early_terminate.type", "fifo")));
    tags.add(tag("gantry.sweep_id", sweep.id()));
    tags.add(tag("gantry.metric", sweep.metricName() + " (" + sweep.metricGoal() + ")"));
    gitCommit.ifPresent(sha -> tags.add(tag("mlflow.source.git.commit", sha)));
    pages.ifPresent(base -> tags.add(tag(PAGE_TAG, sweepPage(base))));
    List<TrackingOp.KeyValue> params = new ArrayList<>();
    yaml.forEach((name, value) -> params.add(param(name, value)));
    String key = TrackingEntry.sweepKey(sweep.id());
    return List.of(
        new TrackingEntry(key, new TrackingOp.CreateRun(sweep.name(), null, sweep.id(), sweep.createdAt().toEpochMilli())),
        new TrackingEntry(key, TrackingOp.Log.params(params, tags)),
        new TrackingEntry(key, TrackingOp.Upload.text("sweep.yaml", sweep.specYaml())));
  }

  List<TrackingEntry> of(SweepEvent event) {
    if (event instanceof SweepEvent.TrialAdded e) {
      planned(e.trialId(), e.params(), e.seed());
      return List.of();
    } else if (event instanceof SweepEvent.TrialStarted e) {
      return trialStarted(e.trialId(), Optional.of(e));
    } else if (event instanceof SweepEvent.MetricsReported e) {
      return List.of(metrics(e));
    } else if (event instanceof SweepEvent.ArtifactSaved e) {
      if (CheckpointFolders.KIND.equals(e.artifact().kind())) {
        lastCheckpoint.put(e.trialId(), e.artifact().path());
        return List.of();
      }
      return picture(e.trialId(), e.artifact());
    } else if (event instanceof SweepEvent.TrialRequeued e) {
      return List.of(new TrackingEntry(trialKey(e.trialId()), TrackingOp.Log.tags(List.of(tag("gantry.requeued", e.reason())))));
    } else if (event instanceof SweepEvent.TrialPreempted e) {
      List<TrackingOp.KeyValue> tags = List.of(tag("gantry.preempted", e.reason()), tag("gantry.preempted_at_step", e.step()));
      return List.of(new TrackingEntry(trialKey(e.trialId()), TrackingOp.Log.tags(tags)));
    } else if (event instanceof SweepEvent.TrialExploited e) {
      return exploited(e.exploit());
    } else if (event instanceof SweepEvent.TrialEnded e) {
      return trialEnded(e);
    } else if (event instanceof SweepEvent.SweepEnded e) {
      boolean finished = e.status() == SweepStatus.FINISHED;
      String key = TrackingEntry.sweepKey(sweep.id());
      List<TrackingEntry> entries = new ArrayList<>();
      if (finished) {
        e.best().ifPresent(best -> entries.add(registration(sweep, best.trialId(), best.objective())));
      }
      entries.add(new TrackingEntry(key, TrackingOp.Log.tags(List.of(tag("gantry.status", e.status().name().toLowerCase())))));
      entries.add(new TrackingEntry(key, new TrackingOp.EndRun(finished ? "FINISHED" : "KILLED", clock.getAsLong())));
      return entries;
    }
    return List.of();
  }

  /**
   * A picture the trial drew: as a file under its kind ({@code samples/epoch-002.png}), and as
   * MLflow's {@code log_image(key=kind, step=step)} lays images out, so that MLflow's own UI shows
   * it in its image view with a step slider: {@code images/KEY+step+STEP+timestamp+MS+ID.png} and
   * its thumbnail {@code ...+compressed.png}, and the run's tag {@code mlflow.loggedImages}. (The
   * UI reads {@code +} and the older {@code %} alike, and PNG or WebP thumbnails.) A picture sent
   * again, as a resumed trial sends what it drew after its checkpoint, keeps its name and so
   * replaces itself instead of appearing twice.
   */
  private List<TrackingEntry> picture(String trialId, ArtifactRecord picture) {
    String key = trialKey(trialId);
    String file = MlflowKeys.key(picture.kind()) + "/" + Path.of(picture.path()).getFileName();
    String image =
        imageNames.computeIfAbsent(
            key + "/" + picture.path(),
            path ->
                "images/" + MlflowKeys.key(picture.kind()).replace('/', '~') + "+step+" + picture.step() + "+timestamp+"
                    + clock.getAsLong() + "+" + UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)));
    return List.of(
        new TrackingEntry(key, TrackingOp.Upload.file(file, picture.path())),
        new TrackingEntry(key, TrackingOp.Upload.file(image + ".png", picture.path())),
        new TrackingEntry(key, new TrackingOp.UploadThumbnail(image + "+compressed.png", picture.path(), THUMBNAIL_SIDE)),
        new TrackingEntry(key, TrackingOp.Log.tags(List.of(tag(LOGGED_IMAGES_TAG, "true")))));
  }

  /**
   * A member that copied another: its run is tagged with the parent and the step, and the sweep's
   * run gets the lineage so far. MLflow's params of a run never change, so they stay the member's
   * first; its parameters over time are its {@code hp/} metrics.
   */
  private List<TrackingEntry> exploited(LineageRecord exploit) {
    planned(exploit.trialId(), exploit.newParams(), exploit.newSeed());
    lineage.add(exploit);
    List<TrackingOp.KeyValue> tags =
        List.of(tag("pbt.parent", exploit.parentId()), tag("pbt.copied_at_step", exploit.step()), tag("pbt.exploits", lineage.stream().filter(l -> l.trialId().equals(exploit.trialId())).count()));
    List<Map<String, Object>> rows = lineage.stream().map(LineageRecord::toJsonMap).toList();
    String json;
    try {
      json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the lineage cannot be written as JSON", e);
    }
    return List.of(
        new TrackingEntry(trialKey(exploit.trialId()), TrackingOp.Log.tags(tags)),
        new TrackingEntry(TrackingEntry.sweepKey(sweep.id()), TrackingOp.Upload.text("pbt/lineage.json", json)));
  }

  /** The trial's run with every hyperparameter (defaults included) and the seed as params. */
  private List<TrackingEntry> trialStarted(String trialId, Optional<SweepEvent.TrialStarted> start) {
    started.add(trialId);
    Map<String, Object> hyperparams =
        resolved(start.map(SweepEvent.TrialStarted::params).orElse(given.getOrDefault(trialId, Map.of())));
    List<TrackingOp.KeyValue> params = new ArrayList<>();
    // a run's params are set once: a member of a pbt sweep starts again with other values
    if (start.map(s -> s.attempt() == 1).orElse(true)) {
      hyperparams.forEach((name, value) -> params.add(param(name, value)));
      trialSeed(trialId).ifPresent(seed -> params.add(param("seed", seed)));
    }
    List<TrackingOp.KeyValue> tags = new ArrayList<>();
    tags.add(tag("gantry.sweep_id", sweep.id()));
    tags.add(tag("gantry.trial_id", trialId));
    start.ifPresent(
        s -> {
          tags.add(tag("worker", s.workerId()));
          tags.add(tag("device", s.device()));
          tags.add(tag("gantry.attempt", s.attempt()));
        });
    gitCommit.ifPresent(sha -> tags.add(tag("mlflow.source.git.commit", sha)));
    pages.ifPresent(base -> tags.add(tag(PAGE_TAG, sweepPage(base) + "&trial=" + query(trialId))));
    String key = trialKey(trialId);
    String config = config(trialId, hyperparams);
    return List.of(
        new TrackingEntry(key, new TrackingOp.CreateRun(sweep.name(), TrackingEntry.sweepKey(sweep.id()), trialId, clock.getAsLong())),
        new TrackingEntry(key, TrackingOp.Log.params(params, tags)),
        new TrackingEntry(key, TrackingOp.Upload.text("config.json", config)),
        new TrackingEntry(key, TrackingOp.Upload.text(MODEL_FOLDER + "/config.json", config)));
  }

  /**
   * The trial registered in MLflow's model registry as a new version of the model named after the
   * sweep, made of its run's {@link #MODEL_FOLDER}, with the sweep's metric as a tag.
   */
  static TrackingEntry registration(SweepRecord sweep, String trialId, double objective) {
    List<TrackingOp.KeyValue> tags =
        List.of(tag("gantry.sweep_id", sweep.id()), tag("gantry.trial_id", trialId), tag(sweep.metricName(), objective));
    String description = String.format("trial %s of sweep %s: %s = %s (%s)", trialId, sweep.id(), sweep.metricName(), objective, sweep.metricGoal());
    return new TrackingEntry(
        TrackingEntry.trialKey(sweep.id(), trialId), new TrackingOp.RegisterVersion(sweep.name(), MODEL_FOLDER, tags, description));
  }

  private String sweepPage(String base) {
    return base + (base.endsWith("/") ? "" : "/") + "sweep.html?id=" + query(sweep.id());
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** FINISHED, FAILED or KILLED, with the status and the reason as tags; and the last checkpoint. */
  private List<TrackingEntry> trialEnded(SweepEvent.TrialEnded e) {
    List<TrackingEntry> entries = new ArrayList<>();
    if (!started.contains(e.trialId())) {
      entries.addAll(trialStarted(e.trialId(), Optional.empty()));
    }
    String key = trialKey(e.trialId());
    String checkpoint = lastCheckpoint.remove(e.trialId());
    if (checkpoint != null) {
      entries.add(new TrackingEntry(key, TrackingOp.Upload.file(MODEL_FOLDER + "/checkpoint", checkpoint)));
    }
    List<TrackingOp.KeyValue> tags = new ArrayList<>();
    tags.add(tag("gantry.status", e.status().name().toLowerCase()));
    tags.add(tag("gantry.last_step", e.lastStep()));
    if (e.message() != null && !e.message().isBlank()) {
      tags.add(tag("gantry.reason", e.message()));
    }
    entries.add(new TrackingEntry(key, TrackingOp.Log.tags(tags)));
    entries.add(new TrackingEntry(key, new TrackingOp.EndRun(mlflowStatus(e.status()), clock.getAsLong())));
    return entries;
  }

  static String mlflowStatus(TrialStatus status) {
    return switch (status) {
      case COMPLETED -> "FINISHED";
      case FAILED, DIVERGED -> "FAILED";
      default -> "KILLED";
    };
  }

  private Map<String, Object> resolved(Map<String, Object> params) {
    try {
      return Hyperparams.resolve(plan.model(), params).asMap();
    } catch (IllegalArgumentException e) {
      // the worker fails such a trial and says why; MLflow shows what was asked for
      return params;
    }
  }

  private Optional<Long> trialSeed(String trialId) {
    return Optional.ofNullable(seeds.get(trialId));
  }

  private void planned(String trialId, Map<String, Object> params, long seed) {
    given.put(trialId, params);
    seeds.put(trialId, seed);
  }

  /** What the worker was given, with the hyperparameters resolved: enough to train it again. */
  private String config(String trialId, Map<String, Object> hyperparams) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("sweep", sweep.id());
    config.put("trial", trialId);
    config.put("model", plan.model());
    config.put("dataset", plan.dataset());
    config.put("budget", plan.budget());
    config.put("report_every", plan.reportEvery());
    config.put("seed", trialSeed(trialId).orElse(null));
    config.put("hyperparameters", hyperparams);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the config of trial " + trialId, e);
    }
  }

  /** The metrics of a report, logged to the trial's run. */
  static TrackingEntry metrics(SweepEvent.MetricsReported e) {
    List<TrackingOp.Metric> metrics = new ArrayList<>();
    e.metrics().forEach((name, value) -> metrics.add(new TrackingOp.Metric(MlflowKeys.key(name), value, e.timestampMillis(), e.step())));
    return new TrackingEntry(TrackingEntry.trialKey(e.sweepId(), e.trialId()), new TrackingOp.Log(metrics, List.of(), List.of()));
  }

  private String trialKey(String trialId) {
    return TrackingEntry.trialKey(sweep.id(), trialId);
  }

  private static TrackingOp.KeyValue param(String name, Object value) {
    return new TrackingOp.KeyValue(MlflowKeys.key(name), MlflowKeys.paramValue(value));
  }

  private static TrackingOp.KeyValue tag(String name, Object value) {
    return new TrackingOp.KeyValue(MlflowKeys.key(name), MlflowKeys.tagValue(value));
  }
}
