package io.gantry.orchestrator.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.gantry.orchestrator.store.H2RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an earlier Gantry left in the outbox, delivered by a fresh {@link Courier} into a real
 * MLflow server: no run made twice, requests within log-batch's limits, refusals set aside.
 */
class OutboxRecoveryTest extends AgainstLocalMlflow {

  @TempDir Path data;
  private ActorTestKit testKit;

  @BeforeEach
  void startTestKit() {
    testKit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
  }

  @AfterEach
  void stopTestKit() {
    testKit.shutdownTestKit();
  }

  private void leaveInOutbox(H2RunStore store, List<TrackingEntry> entries) {
    store.addOutboxRows(Outbox.rows(mlflow.url(), entries));
  }

  @Test
  void aFreshCourierDeliversTheLeftoversAndReusesARunWhoseCreationAnswerWasLost() {
    long now = System.currentTimeMillis();
    String experimentId = mlflow.post("experiments/create", Map.of("name", "recovery")).path("experiment_id").asText();
    // the earlier Gantry's createRun reached MLflow, but it died before it heard the run's id
    String madeBefore =
        mlflow.post("runs/create", Map.of("experiment_id", experimentId, "start_time", now, "tags", List.of(Map.of("key", MlflowSink.RUN_KEY_TAG, "value", "rec-1"))))
            .at("/run/info/run_id").asText();
    List<TrackingOp.Metric> metrics =
        IntStream.range(0, 2500).mapToObj(step -> new TrackingOp.Metric("train/loss", step * 0.5, now + step, step)).toList();
    List<TrackingOp.KeyValue> params =
        IntStream.range(0, 150).mapToObj(i -> new TrackingOp.KeyValue("p" + i, Integer.toString(i))).toList();
    try (H2RunStore store = H2RunStore.open(data)) {
      leaveInOutbox(
          store,
          List.of(
              new TrackingEntry("rec-1", new TrackingOp.CreateRun("recovery", null, "rec-1", now)),
              new TrackingEntry("rec-1/t001", new TrackingOp.CreateRun("recovery", "rec-1", "t001", now)),
              new TrackingEntry("rec-1/t001", new TrackingOp.Log(metrics.subList(0, 1200), params, List.of())),
              new TrackingEntry("rec-1/t001", new TrackingOp.Log(metrics.subList(1200, 2500), List.of(), List.of())),
              new TrackingEntry("rec-1/t001", TrackingOp.Upload.text("config.json", "{}")),
              new TrackingEntry("rec-1/t001", new TrackingOp.EndRun("FINISHED", now + 3000))));
    }

    Courier.DrainReport report = drain();

    assertEquals(new Courier.DrainReport(0, 0, java.util.Optional.empty()), report);
    List<JsonNode> runs = mlflow.runs(experimentId);
    assertEquals(2, runs.size(), "the run made before was found by its key, not made again");
    JsonNode child = runs.stream().filter(r -> r.at("/info/run_name").asText().equals("t001")).findFirst().orElseThrow();
    String childId = child.at("/info/run_id").asText();
    assertEquals("FINISHED", child.at("/info/status").asText());
    assertEquals(150, child.at("/data/params").size());
    List<JsonNode> tags = new ArrayList<>();
    child.at("/data/tags").forEach(tags::add);
    assertEquals(madeBefore, tags.stream().filter(t -> t.path("key").asText().equals("mlflow.parentRunId")).findFirst().orElseThrow().path("value").asText());
    assertEquals(2500, mlflow.get("metrics/get-history", "run_id", childId, "metric_key", "train/loss").path("metrics").size());
    assertEquals(List.of("config.json"), mlflow.artifacts(childId, ""));
  }

  @Test
  void whatMlflowRefusesForGoodIsSetAsideAndTheRestStillGoes() throws Exception {
    long now = System.currentTimeMillis();
    try (H2RunStore store = H2RunStore.open(data)) {
      leaveInOutbox(
          store,
          List.of(
              new TrackingEntry("refusals", new TrackingOp.CreateRun("refusals", null, "refusals", now)),
              new TrackingEntry("refusals", TrackingOp.Upload.file("gone.png", data.resolve("gone.png").toString())),
              new TrackingEntry("never-made/t001", TrackingOp.Log.tags(List.of(new TrackingOp.KeyValue("a", "b")))),
              new TrackingEntry("refusals", new TrackingOp.Log(List.of(new TrackingOp.Metric("loss", 1.0, now, 1)), List.of(), List.of()))));
    }

    Courier.DrainReport report = drain();

    assertEquals(0, report.pending());
    assertEquals(2, report.rejected());
    try (Outbox outbox = Outbox.open(data)) {
      String runId = outbox.run(mlflow.url(), "refusals").orElseThrow().runId();
      assertEquals(1, mlflow.get("metrics/get-history", "run_id", runId, "metric_key", "loss").path("metrics").size());
    }
  }

  private Courier.DrainReport drain() {
    TrackingSettings settings = TrackingSettings.from(testKit.system().settings().config());
    var courier = testKit.spawn(Courier.create(mlflow.url(), data, settings));
    TestProbe<Courier.DrainReport> probe = testKit.createTestProbe();
    courier.tell(new Courier.Drain(Duration.ofSeconds(60), probe.getRef()));
    Courier.DrainReport report = probe.receiveMessage(Duration.ofSeconds(70));
    testKit.stop(courier);
    return report;
  }
}
