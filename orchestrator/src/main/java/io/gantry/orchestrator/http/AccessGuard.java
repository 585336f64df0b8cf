package io.gantry.orchestrator.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who may change things and follow the event stream. With a token, a caller presents it as {@code
 * Authorization: Bearer TOKEN}, as {@code X-Gantry-Token}, or as {@code ?token=} (the one way a
 * browser's EventSource can), or gets 401. Calls that change something are also refused (403) when
 * a browser says they come from another site's page, which a token-less loopback server would
 * otherwise obey.
 */
final class AccessGuard {

  private final Optional<String> token;

  AccessGuard(Optional<String> token) {
    this.token = token;
  }

  boolean tokenRequired() {
    return token.isPresent();
  }

  /** For calls that change something: same origin, and the token when there is one. */
  Route mutating(Supplier<Route> inner) {
    return optionalHeaderValueByName(
        "Origin",
        origin ->
            optionalHeaderValueByName(
                "Host",
                host ->
                    origin.isPresent() && !sameOrigin(origin.get(), host)
                        ? complete(JsonResponses.error(StatusCodes.FORBIDDEN, "cross-origin request refused"))
                        : authorized(inner)));
  }

  /** For the event stream: the token when there is one. */
  Route authorized(Supplier<Route> inner) {
    if (token.isEmpty()) {
      return inner.get();
    }
    return optionalHeaderValueByName(
        "Authorization",
        authorization ->
            optionalHeaderValueByName(
                "X-Gantry-Token",
                header ->
                    parameterOptional(
                        "token",
                        query -> {
                          Optional<String> given =
                              authorization
                                  .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                                  .map(a -> a.substring(7).trim())
                                  .or(() -> header)
                                  .or(() -> query);
                          return given.filter(this::matches).isPresent() ? inner.get() : complete(unauthorized());
                        })));
  }

  private boolean matches(String given) {
    // constant time, so that the answer's timing tells nothing of the token
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.orElseThrow().getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse unauthorized() {
    return JsonResponses.error(StatusCodes.UNAUTHORIZED, "this server needs its token for that: Authorization: Bearer TOKEN, or ?token=TOKEN")
        .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"gantry\""));
  }

  private static boolean sameOrigin(String origin, Optional<String> host) {
    try {
      String authority = new URI(origin).getRawAuthority();
      return authority != null && host.isPresent() && authority.toLowerCase(Locale.ROOT).equals(host.get().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
