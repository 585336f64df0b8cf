package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.SweepEvent;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.RunObserver;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submitting, cancelling and stopping over the API, with sweep runs played by {@link FakeRun}: a
 * test probe stands in for each run's coordinator and receives what the API tells it.
 */
class ApiControlTest {

  static final String GOOD =
      """
      name: ok
      model: gan
      dataset: gaussian-2d
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 1}
      parameters:
        lr_d: {values: [0.05, 0.02]}
      """;

  @TempDir Path dataDir;
  private ActorTestKit testKit;
  private TestServer server;
  private final Map<String, FakeRun> runs = new ConcurrentHashMap<>();

  /** A sweep run that starts one trial, then waits to be released and ends cancelled. */
  private final class FakeRun {
    final TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<Void> started = new CompletableFuture<>();

    boolean run(SweepPlan plan, RunObserver observer) throws InterruptedException {
      server.store.addTrial(TrialRecord.queued(plan.sweepId(), "t001", 1, Map.of("lr_d", 0.05), 1));
      server.store.trialStarted(plan.sweepId(), "t001", "cpu-0", "cpu:0", 1, Optional.empty(), Instant.now());
      observer.started(plan.sweepId(), coordinator.ref());
      started.complete(null);
      release.await(30, TimeUnit.SECONDS);
      server.store.sweepEnded(plan.sweepId(), SweepStatus.CANCELLED, Instant.now());
      observer.ended(plan.sweepId());
      return true;
    }
  }

  @BeforeEach
  void start() {
    testKit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    server = TestServer.loopback(dataDir, this::launch);
  }

  private boolean launch(SweepSpec spec, SweepPlan plan, RunObserver observer, Optional<String> pages) {
    try {
      return runs.computeIfAbsent(plan.sweepId(), id -> new FakeRun()).run(plan, observer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @AfterEach
  void stop() {
    runs.values().forEach(r -> r.release.countDown());
    server.close();
    testKit.shutdownTestKit();
  }

  @Test
  void aSubmittedSweepRunsAndItsTrialsAndItselfCanBeStopped() throws Exception {
    Http.Answer submitted = Http.post(server.base + "/api/sweeps", GOOD, "Content-Type", "application/yaml");
    assertEquals(201, submitted.status(), submitted.body());
    assertEquals("ok-1", submitted.json().get("id").asText());
    assertEquals("/api/sweeps/ok-1", submitted.response().headers().firstValue("Location").orElseThrow());
    FakeRun run = runs.computeIfAbsent("ok-1", id -> new FakeRun());
    run.started.get(10, TimeUnit.SECONDS);
    assertEquals("running", Http.get(server.base + "/api/sweeps/ok-1").json().get("live").asText());

    assertEquals(202, Http.post(server.base + "/api/sweeps/ok-1/trials/t001/stop", "").status());
    run.coordinator.expectMessage(new Coordinator.StopTrial("t001"));
    assertEquals(404, Http.post(server.base + "/api/sweeps/ok-1/trials/t999/stop", "").status());
    assertEquals(404, Http.post(server.base + "/api/sweeps/nope/trials/t001/stop", "").status());

    Http.Answer second = Http.post(server.base + "/api/sweeps", GOOD);
    assertEquals(201, second.status(), second.body());
    FakeRun beside = runs.computeIfAbsent("ok-2", id -> new FakeRun());
    beside.started.get(10, TimeUnit.SECONDS);
    assertEquals("running", Http.get(server.base + "/api/sweeps/ok-2").json().get("live").asText(), "it runs beside the first");
    assertEquals(202, Http.post(server.base + "/api/sweeps/ok-2/cancel", "").status());
    beside.coordinator.expectMessage(Coordinator.CancelSweep.INSTANCE);

    assertEquals(202, Http.post(server.base + "/api/sweeps/ok-1/cancel", "").status());
    run.coordinator.expectMessage(Coordinator.CancelSweep.INSTANCE);
    run.release.countDown();
    beside.release.countDown();
    server.server.sweeps().awaitSubmitted();

    Http.Answer again = Http.post(server.base + "/api/sweeps/ok-1/cancel", "");
    assertEquals(409, again.status(), "a cancelled sweep is over");
    assertTrue(again.json().get("error").asText().contains("cancelled"));
    assertEquals(404, Http.post(server.base + "/api/sweeps/nope/cancel", "").status());
  }

  @Test
  void submittedSweepsRunAtOnceAndRunBeforeTheCommandEnds() throws Exception {
    assertEquals(201, Http.post(server.base + "/api/sweeps", GOOD).status());
    assertEquals(201, Http.post(server.base + "/api/sweeps", GOOD).status());
    FakeRun first = runs.computeIfAbsent("ok-1", id -> new FakeRun());
    FakeRun second = runs.computeIfAbsent("ok-2", id -> new FakeRun());
    first.started.get(10, TimeUnit.SECONDS);
    second.started.get(10, TimeUnit.SECONDS);
    assertEquals("running", Http.get(server.base + "/api/sweeps/ok-1").json().get("live").asText(), "neither waits for the other");
    assertEquals("running", Http.get(server.base + "/api/sweeps/ok-2").json().get("live").asText());
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(first.release::countDown);
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(second.release::countDown);
    StringWriter printed = new StringWriter();
    server.server.awaitSubmitted(new PrintWriter(printed, true));
    assertTrue(printed.toString().startsWith("2 sweep(s) submitted over HTTP"), printed.toString());
    for (String id : List.of("ok-1", "ok-2")) {
      JsonNode sweep = Http.get(server.base + "/api/sweeps/" + id).json();
      assertEquals("cancelled", sweep.get("status").asText(), "it ran to its end");
      assertTrue(sweep.get("live").isNull());
    }
  }

  @Test
  void aSweepAnotherProcessStoredRunsHereWhenAskedOnceAndAnEndedOneDoesNot() throws Exception {
    Path file = dataDir.resolve("ok.yaml");
    Files.writeString(file, GOOD);
    // stored as `gantry run` of the folder stores it, before it asks the serve to run it
    String id = SweepSubmission.submit(server.store, SweepSpecParser.parse(file), dataDir).sweepId();

    Http.Answer resumed = Http.post(server.base + "/api/sweeps/" + id + "/resume", "");
    assertEquals(202, resumed.status(), resumed.body());
    FakeRun run = runs.computeIfAbsent(id, x -> new FakeRun());
    run.started.get(10, TimeUnit.SECONDS);
    assertEquals(200, Http.post(server.base + "/api/sweeps/" + id + "/resume", "").status(), "it runs here already");
    run.release.countDown();
    server.server.awaitSubmitted(new PrintWriter(new StringWriter(), true));
    Http.Answer ended = Http.post(server.base + "/api/sweeps/" + id + "/resume", "");
    assertEquals(409, ended.status(), "a cancelled sweep is over");
    assertTrue(ended.json().get("error").asText().contains("cancelled"), ended.body());
    assertEquals(404, Http.post(server.base + "/api/sweeps/nope/resume", "").status());
  }

  @Test
  void aFinishedTrialOrASweepNoProcessHereRunsCannotBeChanged() {
    SmallSweep.write(server.store, dataDir);
    assertEquals(409, Http.post(server.base + "/api/sweeps/" + SmallSweep.ID + "/trials/t001/stop", "").status(), "t001 completed");
    Http.Answer queued = Http.post(server.base + "/api/sweeps/" + SmallSweep.ID + "/trials/t003/stop", "");
    assertEquals(409, queued.status());
    assertTrue(queued.json().get("error").asText().contains("not run by this server"), queued.body());
    assertEquals(409, Http.post(server.base + "/api/sweeps/" + SmallSweep.ID + "/cancel", "").status());
  }

  @Test
  void badSweepFilesAreRefusedWithLineColumnAndKey() {
    String misspelt = GOOD.replace("lr_d: {values: [0.05, 0.02]}", "latnt_dim: {values: [2, 4]}");
    JsonNode error = Http.post(server.base + "/api/sweeps", misspelt).json().get("errors").get(0);
    assertEquals(8, error.get("line").asInt());
    assertEquals(3, error.get("column").asInt());
    assertEquals("parameters.latnt_dim", error.get("key").asText());
    assertTrue(error.get("message").asText().contains("latent_dim"), error.toString());

    Http.Answer syntax = Http.post(server.base + "/api/sweeps", "name: [unclosed\nmodel: gan\n");
    assertEquals(422, syntax.status());
    assertTrue(syntax.json().get("errors").get(0).get("line").asInt() > 0, syntax.body());

    Http.Answer empty = Http.post(server.base + "/api/sweeps", "");
    assertEquals(422, empty.status());
    assertEquals(0, empty.json().get("errors").get(0).get("line").asInt(), "the whole file: no line");
    assertEquals(0, Http.get(server.base + "/api/sweeps").json().size(), "nothing stored");
  }

  @Test
  void theEventStreamCarriesTheEventsOfTheSweepItFollows() throws Exception {
    try (EventClient events = new EventClient(server.base + "/api/events?sweep=s-1")) {
      events.await("event:ready");
      server.server.sweeps().recorded(new SweepEvent.TrialEnded("s-2", "t001", TrialStatus.COMPLETED, 10, null, OptionalLong.empty(), Instant.EPOCH));
      server.server.sweeps().recorded(new SweepEvent.TrialEnded("s-1", "t001", TrialStatus.STOPPED, 100, "stopped", OptionalLong.of(100), Instant.EPOCH));
      server.server.sweeps().recorded(new SweepEvent.MetricsReported("s-1", "t001", 100, 1, Map.of("loss", Double.NaN), 0));
      String ended = events.await("event:trial_ended");
      assertTrue(ended.contains("\"sweep_id\":\"s-1\"") && ended.contains("\"status\":\"stopped\""), ended);
      String metrics = events.await("event:metrics_reported");
      assertTrue(metrics.contains("\"loss\":null"), metrics);
      assertTrue(events.seen().stream().noneMatch(line -> line.contains("s-2")), "another sweep's events stay out");
    }
  }
}
