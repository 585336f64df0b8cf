package io.gantry.orchestrator.http;

import io.gantry.orchestrator.cluster.ClusterView;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeOK;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromFile;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the server answers: the pages of the {@code web-ui} jar at {@code /}, and under
 * {@code /api} the sweeps, the quiz, the event stream, artifact files, and the OpenAPI document. The API's
 * errors, rejections included, are JSON.
 */
final class WebRoutes {

  /** Where the {@code web-ui} jar keeps the pages on the classpath. */
  static final String PAGES = "gantry/web";

  static final String OPENAPI = "io/gantry/orchestrator/http/openapi.json";

  private static final Logger LOG = LoggerFactory.getLogger(WebRoutes.class);

  // Pages never run inline scripts, so even markup that slipped through escaping could not run
  // one; ECharts' tooltips set inline styles.
  private static final List<HttpHeader> SECURITY_HEADERS =
      List.of(
          RawHeader.create(
              "Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                  + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("Referrer-Policy", "no-referrer"),
          RawHeader.create("Cache-Control", "no-cache"));

  private final SweepRoutes sweeps;
  private final QuizRoutes quiz;
  private final EventHub events;
  private final ArtifactFiles files;
  private final AccessGuard guard;
  private final Optional<ClusterView> cluster;

  WebRoutes(SweepRoutes sweeps, QuizRoutes quiz, EventHub events, ArtifactFiles files, AccessGuard guard, Optional<ClusterView> cluster) {
    this.sweeps = sweeps;
    this.quiz = quiz;
    this.events = events;
    this.files = files;
    this.guard = guard;
    this.cluster = cluster;
  }

  Route route() {
    return respondWithHeaders(
        SECURITY_HEADERS,
        () ->
            concat(
                pathPrefix("api", () -> handleExceptions(exceptionsAsJson(), () -> handleRejections(rejectionsAsJson(), this::api))),
                get(() -> guard.pages(() -> concat(pathSingleSlash(() -> getFromResource(PAGES + "/index.html")), getFromResourceDirectory(PAGES))))));
  }

  private Route api() {
    return concat(
        path("info", () -> get(() -> complete(JsonResponses.ok(Map.of("token_required", guard.tokenRequired()))))),
        guard.reading(this::readable));
  }

  /** The API behind the token when the server guards reads: all of it but {@code /api/info}, the probe. */
  private Route readable() {
    return concat(
        sweeps.route(),
        quiz.route(),
        path(
            "events",
            () ->
                get(
                    () ->
                        guard.authorized(
                            () -> parameterOptional("sweep", sweep -> completeOK(events.subscribe(sweep), EventStreamMarshalling.toEventStream()))))),
        pathPrefix(
            "files",
            () ->
                get(
                    () ->
                        pathPrefix(
                            PathMatchers.segments(),
                            segments ->
                                files.resolve(segments)
                                    .map(file -> getFromFile(file.toFile()))
                                    .orElseGet(() -> complete(JsonResponses.error(StatusCodes.NOT_FOUND, "no such file")))))),
        path(
            "cluster",
            () ->
                get(
                    () ->
                        complete(
                            cluster
                                .map(view -> JsonResponses.ok(ClusterJson.of(view.snapshot())))
                                .orElseGet(
                                    () ->
                                        JsonResponses.error(
                                            StatusCodes.NOT_FOUND,
                                            "this server is no cluster's coordinator: its sweeps run on worker processes it starts itself"))))),
        path("openapi.json", () -> get(() -> getFromResource(OPENAPI, ContentTypes.APPLICATION_JSON))));
  }

  private static ExceptionHandler exceptionsAsJson() {
    return ExceptionHandler.newBuilder()
        .match(
            RuntimeException.class,
            e -> {
              Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              LOG.error("an API call failed", cause);
              return complete(JsonResponses.error(StatusCodes.INTERNAL_SERVER_ERROR, String.valueOf(cause.getMessage())));
            })
        .build();
  }

  /** Pekko's own answers to a request no route took (404, 405, 400), with the message as JSON. */
  private static RejectionHandler rejectionsAsJson() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(WebRoutes::asJson);
  }

  private static HttpResponse asJson(HttpResponse response) {
    if (response.entity() instanceof HttpEntity.Strict strict && !strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      return JsonResponses.error(response.status(), strict.getData().utf8String()).withHeaders(response.getHeaders());
    }
    return response;
  }
}
