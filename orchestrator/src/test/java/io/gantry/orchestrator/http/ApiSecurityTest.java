package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens off loopback, cross-origin calls, a taken port, and the OpenAPI document. */
class ApiSecurityTest {

  private static final SweepLauncher NEVER = (spec, plan, observer, pages) -> false;

  @TempDir Path dataDir;

  @Test
  void offLoopbackEveryCallButTheProbeNeedsTheToken() throws Exception {
    try (TestServer server = new TestServer(dataDir, WebSettings.of("0.0.0.0", 0, null), NEVER)) {
      Matcher printed = Pattern.compile("\\?token=([0-9a-f]{32})").matcher(server.printed());
      assertTrue(printed.find(), "a token is made up and printed: " + server.printed());
      String token = printed.group(1);
      String api = server.base + "/api";

      for (String change : new String[] {"/sweeps", "/sweeps/x/cancel", "/sweeps/x/trials/t001/stop"}) {
        Http.Answer refused = Http.post(api + change, ApiControlTest.GOOD);
        assertEquals(401, refused.status(), change);
        assertTrue(refused.response().headers().firstValue("WWW-Authenticate").isPresent());
        assertEquals(401, Http.post(api + change, "", "Authorization", "Bearer wrong").status(), change);
      }
      assertEquals(404, Http.post(api + "/sweeps/x/cancel", "", "Authorization", "Bearer " + token).status());
      assertEquals(404, Http.post(api + "/sweeps/x/cancel", "", "X-Gantry-Token", token).status());
      assertEquals(404, Http.post(api + "/sweeps/x/cancel?token=" + token, "").status());

      assertEquals(401, Http.get(api + "/events").status());
      try (EventClient events = new EventClient(api + "/events?token=" + token)) {
        events.await("event:ready");
      }
      for (String read : new String[] {"/sweeps", "/sweeps/x", "/cluster", "/openapi.json", "/files/x.png"}) {
        assertEquals(401, Http.get(api + read).status(), read);
      }
      assertEquals(200, Http.get(api + "/sweeps", "Authorization", "Bearer " + token).status());
      assertEquals(200, Http.get(api + "/sweeps", "Cookie", AccessGuard.COOKIE + "=" + token).status());
      assertEquals(401, Http.get(api + "/sweeps", "Cookie", AccessGuard.COOKIE + "=wrong").status());
      assertTrue(Http.get(api + "/info").json().get("token_required").asBoolean(), "the probe stays open");

      Http.Answer page = Http.get(server.base + "/sweep.html?id=s-1");
      assertEquals(401, page.status(), "pages too");
      assertTrue(page.body().contains("name=\"token\"") && page.body().contains("name=\"id\" value=\"s-1\""), page.body());
      Http.Answer opened = Http.get(server.base + "/sweep.html?id=s-1&token=" + token);
      assertEquals(303, opened.status(), "the token leaves the address");
      assertEquals("/sweep.html?id=s-1", opened.response().headers().firstValue("Location").orElseThrow());
      String cookie = opened.response().headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(cookie.startsWith(AccessGuard.COOKIE + "=" + token + ";") && cookie.contains("HttpOnly"), cookie);
      assertEquals(200, Http.get(server.base + "/sweep.html?id=s-1", "Cookie", AccessGuard.COOKIE + "=" + token).status());
      assertEquals(401, Http.get(server.base + "/js/common.js").status());
    }
  }

  @Test
  void onLoopbackReadingNeedsNoTokenEvenWithOne() {
    try (TestServer server = new TestServer(dataDir, WebSettings.of("127.0.0.1", 0, "s3cret"), NEVER)) {
      assertEquals(200, Http.get(server.base + "/api/sweeps").status());
      assertEquals(200, Http.get(server.base + "/").status());
    }
  }

  @Test
  void aTokenGivenOnLoopbackIsRequiredToo() {
    try (TestServer server = new TestServer(dataDir, WebSettings.of("127.0.0.1", 0, "s3cret"), NEVER)) {
      assertEquals(401, Http.post(server.base + "/api/sweeps/x/cancel", "").status());
      assertEquals(404, Http.post(server.base + "/api/sweeps/x/cancel", "", "Authorization", "Bearer s3cret").status());
      assertTrue(!server.printed().contains("s3cret"), "a token the user chose is not printed");
    }
  }

  @Test
  void changesFromAnotherSitesPageAreRefused() {
    try (TestServer server = TestServer.loopback(dataDir, NEVER)) {
      String cancel = server.base + "/api/sweeps/x/cancel";
      assertEquals(403, Http.post(cancel, "", "Origin", "http://evil.example").status());
      assertEquals(404, Http.post(cancel, "", "Origin", server.base).status(), "the page's own origin passes");
    }
  }

  @Test
  void aTakenPortGivesWayToAFreeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        TestServer server = new TestServer(dataDir, WebSettings.of("127.0.0.1", taken.getLocalPort(), null), NEVER)) {
      assertNotEquals(taken.getLocalPort(), server.server.port().orElseThrow());
      assertTrue(server.printed().contains("port " + taken.getLocalPort() + " is taken"), server.printed());
      assertEquals(200, Http.get(server.base + "/api/sweeps").status());
    }
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpoint() {
    try (TestServer server = TestServer.loopback(dataDir, NEVER)) {
      JsonNode paths = Http.get(server.base + "/api/openapi.json").json().get("paths");
      Map<String, Set<String>> described = new TreeMap<>();
      for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
        String path = p.next();
        paths.get(path).fieldNames().forEachRemaining(method -> described.computeIfAbsent(path, k -> new TreeSet<>()).add(method));
      }
      String trial = "/api/sweeps/{sweep_id}/trials/{trial_id}";
      Map<String, Set<String>> routes =
          Map.ofEntries(
              Map.entry("/api/sweeps", Set.of("get", "post")),
              Map.entry("/api/sweeps/{sweep_id}", Set.of("get")),
              Map.entry("/api/sweeps/{sweep_id}/cancel", Set.of("post")),
              Map.entry("/api/sweeps/{sweep_id}/resume", Set.of("post")),
              Map.entry(trial + "/metrics", Set.of("get")),
              Map.entry(trial + "/artifacts", Set.of("get")),
              Map.entry(trial + "/stop", Set.of("post")),
              Map.entry("/api/quiz/pairs", Set.of("post")),
              Map.entry("/api/quiz/pairs/{pair_id}/left.png", Set.of("get")),
              Map.entry("/api/quiz/pairs/{pair_id}/right.png", Set.of("get")),
              Map.entry("/api/quiz/pairs/{pair_id}/answer", Set.of("post")),
              Map.entry("/api/events", Set.of("get")),
              Map.entry("/api/files/{path}", Set.of("get")),
              Map.entry("/api/info", Set.of("get")),
              Map.entry("/api/cluster", Set.of("get")),
              Map.entry("/api/openapi.json", Set.of("get")));
      assertEquals(routes, described);
    }
  }
}
