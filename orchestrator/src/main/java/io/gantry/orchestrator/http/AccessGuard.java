package io.gantry.orchestrator.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractUri;
import static org.apache.pekko.http.javadsl.server.Directives.optionalCookie;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.redirect;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeader;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;

/**
 * Who may read, change things and follow the event stream. With a token, a caller presents it as
 * {@code Authorization: Bearer TOKEN}, as {@code X-Gantry-Token}, as {@code ?token=} (the one way a
 * browser's EventSource can) or in the {@value #COOKIE} cookie, or gets 401. Calls that change
 * something need it always; reads, pages included, need it when the server listens off loopback
 * ({@code guardsReads}), where anyone who reaches the port would otherwise read every sweep. A page
 * opened with {@code ?token=} sets the cookie and sheds the token from its address, so that the
 * page's own requests carry it. Calls that change something are also refused (403) when a browser
 * says they come from another site's page, which a token-less loopback server would otherwise obey.
 */
final class AccessGuard {

  static final String COOKIE = "gantry-token";

  private final Optional<String> token;
  private final boolean guardsReads;

  AccessGuard(Optional<String> token, boolean guardsReads) {
    if (guardsReads && token.isEmpty()) {
      throw new IllegalArgumentException("a server that guards reads needs a token");
    }
    this.token = token;
    this.guardsReads = guardsReads;
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

  /** For the API's reads: the token when the server guards reads. */
  Route reading(Supplier<Route> inner) {
    return guardsReads ? authorized(inner) : inner.get();
  }

  /** For the event stream: the token when there is one. */
  Route authorized(Supplier<Route> inner) {
    if (token.isEmpty()) {
      return inner.get();
    }
    return presented(given -> given.filter(this::matches).isPresent() ? inner.get() : complete(unauthorized()));
  }

  /**
   * For the pages and their scripts, when the server guards reads: with the token in the cookie
   * or a header, the page; with a right {@code ?token=}, the same address without it, setting the
   * cookie; else a page that asks for the token.
   */
  Route pages(Supplier<Route> inner) {
    if (!guardsReads) {
      return inner.get();
    }
    return presentedOutsideTheQuery(
        given ->
            given.filter(this::matches).isPresent()
                ? inner.get()
                : parameterOptional(
                    "token",
                    query ->
                        query.filter(this::matches).isPresent()
                            ? extractUri(uri -> respondWithHeader(setCookie(query.get()), () -> redirect(withoutToken(uri), StatusCodes.SEE_OTHER)))
                            : extractUri(uri -> complete(askForToken(uri)))));
  }

  /** The token as the request presents it, in the order header, header, query, cookie. */
  private Route presented(Function<Optional<String>, Route> inner) {
    return presentedOutsideTheQuery(
        given -> parameterOptional("token", query -> inner.apply(given.isPresent() ? given : query)));
  }

  private Route presentedOutsideTheQuery(Function<Optional<String>, Route> inner) {
    return optionalHeaderValueByName(
        "Authorization",
        authorization ->
            optionalHeaderValueByName(
                "X-Gantry-Token",
                header ->
                    optionalCookie(
                        COOKIE,
                        cookie ->
                            inner.apply(
                                authorization
                                    .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                                    .map(a -> a.substring(7).trim())
                                    .or(() -> header)
                                    .or(() -> cookie.map(HttpCookiePair::value))))));
  }

  private boolean matches(String given) {
    // constant time, so that the answer's timing tells nothing of the token
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.orElseThrow().getBytes(StandardCharsets.UTF_8));
  }

  private static RawHeader setCookie(String value) {
    return RawHeader.create("Set-Cookie", COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
  }

  private static Uri withoutToken(Uri uri) {
    Query rest = Query.create(uri.query().toList().stream().filter(p -> !p.first().equals("token")).toArray(Pair[]::new));
    return Uri.create(uri.path()).query(rest);
  }

  private static HttpResponse unauthorized() {
    return JsonResponses.error(StatusCodes.UNAUTHORIZED, "this server needs its token for that: Authorization: Bearer TOKEN, or ?token=TOKEN")
        .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"gantry\""));
  }

  /** A page whose form opens {@code uri} again with the token typed in, its other parameters kept. */
  private static HttpResponse askForToken(Uri uri) {
    StringBuilder kept = new StringBuilder();
    for (Pair<String, String> parameter : uri.query().toList()) {
      if (!parameter.first().equals("token")) {
        kept.append("<input type=\"hidden\" name=\"").append(escape(parameter.first()))
            .append("\" value=\"").append(escape(parameter.second())).append("\">");
      }
    }
    String page =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Gantry: token needed</title></head><body>"
            + "<p>This Gantry server needs its token (printed where it started).</p>"
            + "<form method=\"get\">" + kept + "<input name=\"token\" type=\"password\" size=\"36\" autofocus>"
            + " <button type=\"submit\">open</button></form></body></html>";
    return HttpResponse.create()
        .withStatus(StatusCodes.UNAUTHORIZED)
        .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"gantry\""))
        .withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
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
