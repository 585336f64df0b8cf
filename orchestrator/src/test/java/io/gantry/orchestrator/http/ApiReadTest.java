package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.orchestrator.view.ImportanceSweep;
import io.gantry.orchestrator.view.ParetoSweep;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read side of the API over {@link SmallSweep}: sweeps, trials, metrics, artifacts and files, the pages. */
class ApiReadTest {

  @TempDir static Path dataDir;
  private static TestServer server;
  private static String api;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.loopback(dataDir, (spec, plan, observer, pages) -> false);
    SmallSweep.write(server.store, dataDir);
    ImportanceSweep.write(server.store);
    ParetoSweep.write(server.store);
    Files.writeString(dataDir.resolve("secret.txt"), "not for the web");
    api = server.base + "/api";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sweepsListHasStatusProgressAndBest() {
    Http.Answer answer = Http.get(api + "/sweeps");
    assertEquals(200, answer.status());
    JsonNode sweep = answer.json().get(0);
    assertEquals(SmallSweep.ID, sweep.get("id").asText());
    assertEquals("running", sweep.get("status").asText());
    JsonNode progress = sweep.get("progress");
    assertEquals(2, progress.get("done").asInt());
    assertEquals(1, progress.get("queued").asInt());
    assertEquals(1, progress.get("diverged").asInt());
    assertEquals("t001", sweep.get("best").get("trial").asText());
    assertEquals(0.75, sweep.get("best").get("value").asDouble());
    assertTrue(sweep.get("live").isNull(), "no process here runs it");
    assertTrue(sweep.get("mlflow_url").isNull());
  }

  @Test
  void oneSweepHasItsTrialsWithLatestMetrics() {
    JsonNode sweep = Http.get(api + "/sweeps/" + SmallSweep.ID).json();
    assertEquals(List.of("train/loss", "val/score"), texts(sweep.get("metric_names").elements()));
    assertEquals(Set.of("lr", "loss"), new TreeSet<>(texts(sweep.get("param_names").elements())));
    JsonNode trials = sweep.get("trials");
    assertEquals(3, trials.size());
    assertEquals(0.75, trials.get(0).get("objective").asDouble());
    assertEquals(1.5, trials.get(0).get("metrics").get("train/loss").asDouble());
    assertEquals("diverged", trials.get(1).get("status").asText());
    assertTrue(trials.get(1).get("metrics").get("train/loss").isNull(), "NaN is null in JSON");
    assertEquals("loss became NaN at step 100", trials.get(1).get("message").asText());
    assertEquals("queued", trials.get(2).get("status").asText());
    JsonNode samples = trials.get(0).get("latest_samples");
    assertEquals("/api/files/" + SmallSweep.ID + "/t001/samples/epoch-002.png", samples.get("url").asText());
    assertEquals(2, samples.get("epoch").asInt());
    assertTrue(trials.get(1).get("latest_samples").isNull(), "a trial without a sample grid has none");
    assertEquals(SmallSweep.ID, Http.get(api + "/sweeps/api").json().get("id").asText(), "a name finds its newest sweep");
    assertNotFound(Http.get(api + "/sweeps/no-such-sweep"));
  }

  @Test
  void oneSweepHasEachParametersImportanceOnceFourTrialsCompleted() {
    assertTrue(Http.get(api + "/sweeps/" + SmallSweep.ID).json().get("importance").isNull(), "one completed trial");
    JsonNode importance = Http.get(api + "/sweeps/" + ImportanceSweep.ID).json().get("importance");
    assertEquals(List.of("lr", "loss"), texts(importance.fieldNames()));
    assertTrue(importance.get("lr").asDouble() > 0.9, importance.toString());
    assertTrue(Http.get(api + "/sweeps/" + ImportanceSweep.ID).json().get("importance_explained").asDouble() > 0.8);
  }

  @Test
  void aSweepOfTwoMetricsHasItsParetoFrontAndEachTrialsPlaceOnIt() {
    JsonNode sweep = Http.get(api + "/sweeps/" + ParetoSweep.ID).json();
    assertEquals(List.of("val/f1", "val/f2"), texts(sweep.get("metrics").findValues("name").iterator()));
    assertEquals("val/recall", sweep.get("constraints").get(0).get("metric").asText());
    assertEquals(0.5, sweep.get("constraints").get(0).get("min").asDouble());
    assertTrue(sweep.get("constraints").get(0).get("max").isNull());
    assertEquals(ParetoSweep.FRONT, texts(sweep.get("pareto_front").elements()));
    JsonNode trials = sweep.get("trials");
    assertTrue(trials.get(0).get("on_front").asBoolean() && trials.get(0).get("feasible").asBoolean());
    assertFalse(trials.get(4).get("on_front").asBoolean() || trials.get(4).get("feasible").asBoolean(), "t005 misses val/recall >= 0.5");
    assertTrue(Http.get(api + "/sweeps/" + SmallSweep.ID).json().get("trials").get(0).get("feasible").isNull(), "no constraints, no verdict");
  }

  @Test
  void metricHistoryComesAsColumns() {
    JsonNode metrics = Http.get(api + "/sweeps/" + SmallSweep.ID + "/trials/t001/metrics?name=val/score").json().get("metrics");
    assertEquals(List.of("val/score"), texts(metrics.fieldNames()));
    assertEquals("[100,200]", metrics.get("val/score").get("step").toString());
    assertEquals("[1,2]", metrics.get("val/score").get("epoch").toString());
    assertEquals("[0.5,0.75]", metrics.get("val/score").get("value").toString());
    JsonNode diverged = Http.get(api + "/sweeps/" + SmallSweep.ID + "/trials/t002/metrics").json().get("metrics");
    assertEquals("[3.0,null]", diverged.get("train/loss").get("value").toString());
    assertNotFound(Http.get(api + "/sweeps/" + SmallSweep.ID + "/trials/t999/metrics"));
    assertNotFound(Http.get(api + "/sweeps/no-such-sweep/trials/t001/metrics"));
  }

  @Test
  void artifactsLinkToTheirFiles() throws IOException {
    JsonNode artifacts = Http.get(api + "/sweeps/" + SmallSweep.ID + "/trials/t001/artifacts").json().get("artifacts");
    assertEquals(2, artifacts.size());
    JsonNode samples = artifacts.get(1).get("kind").asText().equals("samples") ? artifacts.get(1) : artifacts.get(0);
    String url = samples.get("url").asText();
    assertEquals("/api/files/" + SmallSweep.ID + "/t001/samples/epoch-002.png", url);
    HttpResponse<byte[]> file = Http.bytes(server.base + url);
    assertEquals(200, file.statusCode());
    assertEquals("image/png", file.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(SmallSweep.PNG, file.body());
    JsonNode checkpoint = artifacts.get(1).get("kind").asText().equals("checkpoint") ? artifacts.get(1) : artifacts.get(0);
    assertTrue(checkpoint.get("url").isNull(), "a checkpoint is a folder, not served");
    assertNotFound(Http.get(api + "/sweeps/" + SmallSweep.ID + "/trials/t999/artifacts"));
  }

  @Test
  void filesOutsideTheArtifactsFolderAreNotFound() throws IOException {
    Path artifacts = dataDir.resolve("artifacts").resolve(SmallSweep.ID);
    Files.createSymbolicLink(artifacts.resolve("link.txt"), dataDir.resolve("secret.txt"));
    for (String path :
        List.of(
            "../secret.txt", "..%2Fsecret.txt", "%2e%2e/secret.txt", SmallSweep.ID + "/../../secret.txt",
            SmallSweep.ID + "/..%2F..%2Fsecret.txt", SmallSweep.ID + "/%2e%2e/%2e%2e/gantry.mv.db", "%2Fetc%2Fpasswd",
            "/etc/passwd", SmallSweep.ID + "/link.txt", SmallSweep.ID + "/t001/checkpoints/epoch-002", SmallSweep.ID + "/t001/nothing.png")) {
      Http.Answer answer = Http.send(Http.request(server.base + "/api/files/" + path).GET().build());
      assertEquals(404, answer.status(), path + " -> " + answer.body());
      assertTrue(!answer.body().contains("not for the web"), path);
    }
  }

  @Test
  void pagesAndOpenApiAreServed() {
    Http.Answer index = Http.get(server.base + "/");
    assertEquals(200, index.status());
    assertTrue(index.body().contains("Sweeps"));
    assertTrue(index.response().headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
    assertEquals(200, Http.get(server.base + "/sweep.html").status());
    assertEquals(200, Http.get(server.base + "/vendor/echarts.min.js").status());
    for (String outside : List.of("/../reference.conf", "/%2e%2e/%2e%2e/reference.conf", "/..%2F..%2Freference.conf", "/js/..%2F..%2F..%2Freference.conf")) {
      Http.Answer answer = Http.send(Http.request(server.base + outside).GET().build());
      assertEquals(404, answer.status(), outside + " stays inside the pages");
    }
    assertNotFound(Http.get(api + "/nothing-here"));
    assertEquals(405, Http.send(Http.request(api + "/sweeps").DELETE().build()).status());
    assertEquals(false, Http.get(api + "/info").json().get("token_required").asBoolean());
    JsonNode openapi = Http.get(api + "/openapi.json").json();
    assertEquals("3.0.3", openapi.get("openapi").asText());
  }

  private static void assertNotFound(Http.Answer answer) {
    assertEquals(404, answer.status(), answer.body());
    assertTrue(answer.json().has("error"), answer.body());
  }

  /** The texts of JSON values, or the strings, that {@code items} yields. */
  private static List<String> texts(Iterator<?> items) {
    List<String> texts = new ArrayList<>();
    items.forEachRemaining(item -> texts.add(item instanceof JsonNode node ? node.asText() : item.toString()));
    return texts;
  }
}
