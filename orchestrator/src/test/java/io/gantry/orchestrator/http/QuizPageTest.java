package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.service.SweepService;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.QuizPair;
import io.gantry.orchestrator.tracking.MlflowLinks;
import io.gantry.orchestrator.tracking.MlflowTracking;
import io.gantry.protocol.WorkerInfo;
import io.gantry.worker.DeviceCheck;
import io.gantry.worker.Worker;
import io.gantry.worker.train.DjlTrialRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.Props;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person plays "which one is real?" in headless Chromium on a trial of a small finished
 * Fashion-MNIST VAE sweep (64 steps), trained by a real worker actor that then draws the trial's images from
 * its checkpoint: each answer is counted once, and the trial's fooling rate and answer count reach
 * the store, the MLflow outbox and the sweep page's trials table.
 */
class QuizPageTest {

  private static final String SWEEP =
      """
      name: quiz
      model: vae
      dataset: {name: fashion-mnist, train_limit: 4096, test_limit: 256}
      method: grid
      metric: {name: val/elbo, goal: maximize}
      budget: {epochs: 1}
      parameters:
        latent_dim: {value: 8}
        hidden_dim: {value: 128}
        batch_size: {value: 64}
        lr: {value: 0.003}
        fid_samples: {value: 0}
      seed: 5
      """;

  private static final String MLFLOW = "http://127.0.0.1:9";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dataDir;

  @Test
  void peopleAnswerPairsByClickingAndTheTrialsFoolingRateReachesTheTable() throws Exception {
    try (SweepService service = SweepService.start("127.0.0.1", 0);
        TestServer server =
            TestServer.withService(dataDir, service, MlflowLinks.of(MlflowTracking.of(MLFLOW, dataDir, Duration.ZERO), dataDir));
        Browser browser = new Browser(900, 900)) {
      service.system().systemActorOf(
          Worker.create(WorkerInfo.ofThisProcess("cpu-0", "cpu:0", 1, DeviceCheck.machineMemory()), new DjlTrialRunner(), dataDir.resolve("scratch")),
          "worker-cpu-0", Props.empty());
      assertEquals(201, Http.post(server.base + "/api/sweeps", SWEEP).status());
      awaitFinished(server, "quiz-1");

      browser.open(server.base + "/quiz.html?sweep=quiz-1&trial=t001");
      // fooled, right, right, fooled: half the answers took the generated image for the real one
      boolean[] fooledEach = {true, false, false, true};
      String firstPair = null;
      for (int i = 0; i < fooledEach.length; i++) {
        String pairId = awaitPair(browser, i);
        firstPair = firstPair == null ? pairId : firstPair;
        QuizPair pair = server.store.quizPair(pairId).orElseThrow();
        assertEquals("t001", pair.trialId());
        boolean clickLeft = pair.realOnLeft() != fooledEach[i];
        browser.click(clickLeft ? "#left" : "#right");
        browser.await("answer " + (i + 1) + " is recorded", WAIT, "return document.body.dataset.answered === arguments[0]", String.valueOf(i + 1));
        assertTrue(browser.find("#verdict").getText().startsWith(fooledEach[i] ? "Fooled" : "Right"), browser.find("#verdict").getText());
        if (i == 1) {
          browser.screenshot("quiz");
        }
        browser.click("#next");
      }

      Http.Answer again = Http.post(server.base + "/api/quiz/pairs/" + firstPair + "/answer", "{\"real\": \"left\"}");
      assertEquals(409, again.status(), again.body());
      assertTrue(again.json().path("error").asText().contains(firstPair), again.body());
      Http.Answer unknown = Http.post(server.base + "/api/quiz/pairs/no-such-pair/answer", "{\"real\": \"left\"}");
      assertEquals(404, unknown.status(), unknown.body());
      assertTrue(unknown.json().path("error").asText().contains("no-such-pair"), unknown.body());

      List<MetricPoint> human =
          server.store.metrics("quiz-1", "t001").stream().filter(p -> p.name().startsWith("human/")).toList();
      assertEquals(0.5, last(human, "human/fooling_rate").value());
      assertEquals(4, last(human, "human/fooling_rate").step());
      assertEquals(4.0, last(human, "human/answers").value());
      assertEquals(4, outboxRowsWith("human/fooling_rate"), "one MLflow log row per answer");

      browser.open(server.base + "/sweep.html?id=quiz-1");
      browser.await("the sweep page opens", WAIT, "return document.body.dataset.ready === 'true'");
      assertEquals("50 % (4)", browser.find("#trials tr[data-trial=t001] td.fooled").getText());
      assertTrue(browser.find("#trials tr[data-trial=t001] a.quiz").getAttribute("href").endsWith("quiz.html?sweep=quiz-1&trial=t001"));
    }
  }

  private static void awaitFinished(TestServer server, String sweepId) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(120));
    String status = "";
    while (Instant.now().isBefore(until)) {
      status = Http.get(server.base + "/api/sweeps/" + sweepId).json().path("status").asText();
      if (status.equals("finished")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("sweep " + sweepId + " did not finish: " + status);
  }

  /** The id of the {@code shown}-th pair (from 0) once its images are on the page. */
  private static String awaitPair(Browser browser, int shown) {
    browser.await(
        "pair " + (shown + 1) + " is shown", WAIT,
        "return !!document.body.dataset.pair && document.body.dataset.pair !== window.lastPair && !document.getElementById('left').disabled");
    return (String) browser.js("window.lastPair = document.body.dataset.pair; return window.lastPair");
  }

  private static MetricPoint last(List<MetricPoint> points, String name) {
    return points.stream().filter(p -> p.name().equals(name)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + name + " in " + points));
  }

  private long outboxRowsWith(String metric) throws Exception {
    try (Connection connection = H2RunStore.connect(dataDir);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM tracking_outbox WHERE server = '" + MLFLOW + "' AND run_key = 'quiz-1/t001' AND payload LIKE '%" + metric + "%'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
