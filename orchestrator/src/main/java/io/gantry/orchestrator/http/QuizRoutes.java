package io.gantry.orchestrator.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameter;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.quiz.Quiz;
import io.gantry.orchestrator.store.QuizPair;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code /api/quiz}: new pairs of a real and a generated image, their images, and the one answer
 * each pair takes.
 */
final class QuizRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_ANSWER_BYTES = 1 << 10;

  private final Quiz quiz;
  private final AccessGuard guard;
  private final Executor blocking;

  QuizRoutes(Quiz quiz, AccessGuard guard, Executor blocking) {
    this.quiz = quiz;
    this.guard = guard;
    this.blocking = blocking;
  }

  Route route() {
    return pathPrefix(
        PathMatchers.segment("quiz").slash("pairs"),
        () ->
            concat(
                pathEnd(() -> post(() -> guard.mutating(() -> parameter("sweep", sweep -> parameterOptional("trial", trial -> newPair(sweep, trial)))))),
                pathPrefix(
                    PathMatchers.segment(),
                    pairId ->
                        concat(
                            path(PathMatchers.segment("left.png"), () -> get(() -> image(pairId, true))),
                            path(PathMatchers.segment("right.png"), () -> get(() -> image(pairId, false))),
                            path(
                                "answer",
                                () ->
                                    post(
                                        () ->
                                            guard.mutating(
                                                () ->
                                                    withSizeLimit(
                                                        MAX_ANSWER_BYTES,
                                                        () -> entity(Unmarshaller.entityToString(), body -> blocking(() -> answer(pairId, body)))))))))));
  }

  private Route newPair(String sweepId, Optional<String> trialId) {
    return completeWithFuture(quiz.newPair(sweepId, trialId).thenApply(QuizRoutes::response));
  }

  private static HttpResponse response(Quiz.NewPair outcome) {
    if (outcome instanceof Quiz.Shown shown) {
      return JsonResponses.json(StatusCodes.CREATED, pairJson(shown.pair()));
    } else if (outcome instanceof Quiz.Unknown unknown) {
      return JsonResponses.error(StatusCodes.NOT_FOUND, unknown.message());
    } else if (outcome instanceof Quiz.Refused refused) {
      return JsonResponses.error(StatusCodes.CONFLICT, refused.message());
    } else if (outcome instanceof Quiz.Unavailable unavailable) {
      return JsonResponses.error(StatusCodes.SERVICE_UNAVAILABLE, unavailable.message());
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }

  private static Map<String, Object> pairJson(QuizPair pair) {
    String base = "/api/quiz/pairs/" + Urls.segment(pair.id());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", pair.id());
    json.put("sweep_id", pair.sweepId());
    json.put("trial_id", pair.trialId());
    json.put("left_url", base + "/left.png");
    json.put("right_url", base + "/right.png");
    json.put("answer_url", base + "/answer");
    return json;
  }

  private Route image(String pairId, boolean left) {
    return blocking(
        () ->
            quiz.pair(pairId)
                .map(pair -> HttpResponse.create().withEntity(HttpEntities.create(MediaTypes.IMAGE_PNG.toContentType(), pair.image(left))))
                .orElseGet(() -> noPair(pairId)));
  }

  private HttpResponse answer(String pairId, String body) {
    Optional<Boolean> pickedLeft = pickedLeft(body);
    if (pickedLeft.isEmpty()) {
      return JsonResponses.error(StatusCodes.UNPROCESSABLE_ENTITY, "real: expected {\"real\": \"left\"} or {\"real\": \"right\"}");
    }
    Quiz.Answer answer = quiz.answer(pairId, pickedLeft.get());
    if (answer instanceof Quiz.NoPair) {
      return noPair(pairId);
    } else if (answer instanceof Quiz.AnsweredBefore) {
      return JsonResponses.error(StatusCodes.CONFLICT, "pair '" + pairId + "' is answered already: each pair takes one answer");
    }
    Quiz.Answered answered = (Quiz.Answered) answer;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pair_id", pairId);
    json.put("trial_id", answered.pair().trialId());
    json.put("real", answered.pair().realOnLeft() ? "left" : "right");
    json.put("fooled", answered.fooled());
    json.put(Quiz.FOOLING_RATE, answered.tally().foolingRate());
    json.put(Quiz.ANSWERS, answered.tally().answers());
    return JsonResponses.ok(json);
  }

  /** The side the answer took for the real image, if the body names one. */
  private static Optional<Boolean> pickedLeft(String body) {
    try {
      JsonNode real = JSON.readTree(body).path("real");
      return switch (real.asText("")) {
        case "left" -> Optional.of(true);
        case "right" -> Optional.of(false);
        default -> Optional.empty();
      };
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Route blocking(Supplier<HttpResponse> answer) {
    return completeWithFuture(CompletableFuture.supplyAsync(answer, blocking));
  }

  private static HttpResponse noPair(String pairId) {
    return JsonResponses.error(StatusCodes.NOT_FOUND, "no pair '" + pairId + "'");
  }
}
