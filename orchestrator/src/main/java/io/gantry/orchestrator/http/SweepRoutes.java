package io.gantry.orchestrator.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.sweep.SpecError;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code /api/sweeps}: the sweeps and their trials, submitting a sweep file, cancelling a sweep,
 * stopping a trial. The store blocks, so every answer is worked out on {@code blocking}.
 */
final class SweepRoutes {

  /** What a submitted sweep file is called in its errors, and where its relative paths start. */
  static final String SUBMITTED_FILE = "submitted.yaml";

  private static final long MAX_FILE_BYTES = 1 << 20;

  private final RunStore store;
  private final SweepViews sweeps;
  private final TrialViews trials;
  private final LocalSweeps local;
  private final AccessGuard guard;
  private final Executor blocking;

  SweepRoutes(RunStore store, SweepViews sweeps, TrialViews trials, LocalSweeps local, AccessGuard guard, Executor blocking) {
    this.store = store;
    this.sweeps = sweeps;
    this.trials = trials;
    this.local = local;
    this.guard = guard;
    this.blocking = blocking;
  }

  /** The routes under {@code /api/sweeps}. */
  Route route() {
    return pathPrefix(
        "sweeps",
        () ->
            concat(
                pathEnd(
                    () ->
                        concat(
                            get(() -> blocking(() -> JsonResponses.ok(sweeps.list()))),
                            post(
                                () ->
                                    guard.mutating(
                                        () ->
                                            withSizeLimit(
                                                MAX_FILE_BYTES,
                                                () -> entity(Unmarshaller.entityToString(), yaml -> blocking(() -> submit(yaml)))))))),
                pathPrefix(PathMatchers.segment(), this::sweep)));
  }

  private Route sweep(String id) {
    return concat(
        pathEnd(() -> get(() -> blocking(() -> sweeps.detail(id).map(JsonResponses::ok).orElseGet(() -> noSweep(id))))),
        path("cancel", () -> post(() -> guard.mutating(() -> blocking(() -> cancel(id))))),
        path("resume", () -> post(() -> guard.mutating(() -> blocking(() -> resume(id))))),
        pathPrefix(
            PathMatchers.segment("trials").slash(PathMatchers.segment()),
            trialId ->
                concat(
                    path(
                        "metrics",
                        () ->
                            get(
                                () ->
                                    parameterOptional(
                                        "name",
                                        name -> blocking(() -> trials.metrics(id, trialId, name).map(JsonResponses::ok).orElseGet(() -> noTrial(id, trialId)))))),
                    path(
                        "artifacts",
                        () -> get(() -> blocking(() -> trials.artifacts(id, trialId).map(JsonResponses::ok).orElseGet(() -> noTrial(id, trialId))))),
                    path("stop", () -> post(() -> guard.mutating(() -> blocking(() -> stop(id, trialId))))))));
  }

  private Route blocking(Supplier<HttpResponse> answer) {
    return completeWithFuture(CompletableFuture.supplyAsync(answer, blocking));
  }

  private HttpResponse submit(String yaml) {
    SweepSpec spec;
    try {
      spec = SweepSpecParser.parse(yaml, Path.of(SUBMITTED_FILE));
    } catch (SweepSpecException e) {
      return JsonResponses.error(
          StatusCodes.UNPROCESSABLE_ENTITY,
          "the sweep file has " + e.errors().size() + " problem(s)",
          Map.of("errors", e.errors().stream().map(SweepRoutes::errorJson).toList()));
    }
    String id = local.submit(spec);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("status", local.presence(id) == LocalSweeps.Presence.RUNNING ? "running" : "queued");
    body.put("url", "/sweep.html?id=" + Urls.segment(id));
    return JsonResponses.json(StatusCodes.CREATED, body).addHeader(Location.create("/api/sweeps/" + Urls.segment(id)));
  }

  private static Map<String, Object> errorJson(SpecError error) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("line", error.line());
    json.put("column", error.column());
    json.put("key", error.key());
    json.put("message", error.message());
    return json;
  }

  private HttpResponse cancel(String id) {
    Optional<SweepRecord> sweep = store.sweep(id);
    if (sweep.isEmpty()) {
      return noSweep(id);
    }
    if (sweep.get().status() != SweepStatus.RUNNING) {
      return conflict("sweep " + sweep.get().id() + " is already " + sweep.get().status().name().toLowerCase(Locale.ROOT));
    }
    return accepted(local.cancel(sweep.get().id()), sweep.get().id(), "cancelling");
  }

  private HttpResponse resume(String id) {
    Optional<SweepRecord> sweep = store.sweep(id).filter(s -> s.id().equals(id));
    if (sweep.isEmpty()) {
      return noSweep(id);
    }
    LocalSweeps.Resumption resumption;
    try {
      resumption = local.resume(sweep.get());
    } catch (SweepSpecException e) {
      return JsonResponses.error(
          StatusCodes.UNPROCESSABLE_ENTITY,
          "the stored file of sweep " + id + " has " + e.errors().size() + " problem(s)",
          Map.of("errors", e.errors().stream().map(SweepRoutes::errorJson).toList()));
    }
    return switch (resumption) {
      case STARTED -> JsonResponses.json(StatusCodes.ACCEPTED, Map.of("sweep_id", id, "status", "running"));
      case ALREADY_HERE -> JsonResponses.json(StatusCodes.OK, Map.of("sweep_id", id, "status", "running"));
      case ENDED -> conflict("sweep " + id + " is already " + sweep.get().status().name().toLowerCase(Locale.ROOT));
    };
  }

  private HttpResponse stop(String id, String trialId) {
    Optional<TrialRecord> trial = trials.find(id, trialId);
    if (trial.isEmpty()) {
      return noTrial(id, trialId);
    }
    if (trial.get().status().isFinished()) {
      return conflict("trial " + trialId + " is already " + trial.get().status().name().toLowerCase(Locale.ROOT));
    }
    return accepted(local.stopTrial(trial.get().sweepId(), trialId), trial.get().sweepId(), "stopping");
  }

  private static HttpResponse accepted(LocalSweeps.Control control, String sweepId, String what) {
    if (control == LocalSweeps.Control.NOT_HERE) {
      return conflict("sweep " + sweepId + " is not run by this server, so it cannot be changed from here");
    }
    return JsonResponses.json(StatusCodes.ACCEPTED, Map.of("sweep_id", sweepId, "status", what));
  }

  private static HttpResponse conflict(String message) {
    return JsonResponses.error(StatusCodes.CONFLICT, message);
  }

  private static HttpResponse noSweep(String id) {
    return JsonResponses.error(StatusCodes.NOT_FOUND, "no sweep '" + id + "'");
  }

  private static HttpResponse noTrial(String id, String trialId) {
    return JsonResponses.error(StatusCodes.NOT_FOUND, "no trial '" + trialId + "' in sweep '" + id + "'");
  }
}
