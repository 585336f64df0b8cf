package io.gantry.orchestrator.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.worker.Worker;
import io.gantry.worker.WorkerInfo;
import io.gantry.worker.trial.Budget;
import io.gantry.worker.trial.DatasetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator and real worker actors in one ActorTestKit, with a real H2 file. */
class CoordinatorTest {

  private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dataDir;
  private ActorTestKit testKit;
  private H2RunStore store;

  @BeforeEach
  void start() {
    testKit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    store = H2RunStore.open(dataDir);
  }

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
    store.close();
  }

  @Test
  void fourTrialsOnTwoWorkersAllFinishAndBothWorkersGetWork() {
    SweepPlan plan = storeSweep(1.0, 2.0, 3.0, 4.0);
    TestProbe<RunEvent> events = testKit.createTestProbe();
    testKit.system().eventStream().tell(new EventStream.Subscribe<>(RunEvent.class, events.getRef()));
    spawnWorker("cpu-0", new ScriptedRunner(false));
    spawnWorker("cpu-1", new ScriptedRunner(false));

    SweepProgress last = runToEnd(plan);

    List<RunEvent> published =
        events.fishForMessage(
            SWEEP_TIMEOUT, e -> e instanceof RunEvent.SweepEnded ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
    assertEquals(4, published.stream().filter(e -> e instanceof RunEvent.TrialEnded).count());
    assertEquals(4 * ScriptedRunner.STEPS, published.stream().filter(e -> e instanceof RunEvent.MetricsReported).count());

    assertEquals(4, last.finished());
    List<TrialRecord> trials = store.trials(plan.sweepId());
    assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED), trials::toString);
    Set<String> workers = trials.stream().map(t -> t.worker().orElseThrow()).collect(Collectors.toSet());
    assertEquals(Set.of("cpu-0", "cpu-1"), workers);
    assertEquals(4.0 * ScriptedRunner.STEPS, last.best().getAsDouble());
    assertEquals(SweepStatus.FINISHED, store.sweep(plan.sweepId()).orElseThrow().status());
    for (TrialRecord trial : trials) {
      assertEquals(ScriptedRunner.STEPS, store.metrics(plan.sweepId(), trial.trialId()).size());
      assertEquals(ScriptedRunner.STEPS, trial.lastStep());
    }
  }

  @Test
  void aTrialThatThrowsMarksOnlyItselfFailed() {
    SweepPlan plan = storeSweep(1.0, -1.0, 2.0);
    spawnWorker("cpu-0", new ScriptedRunner(false));

    runToEnd(plan);

    Map<String, TrialRecord> trials = byId(plan);
    assertEquals(TrialStatus.COMPLETED, trials.get("t1").status());
    assertEquals(TrialStatus.FAILED, trials.get("t2").status());
    assertTrue(trials.get("t2").message().orElseThrow().contains("x must not be negative"));
    assertEquals(TrialStatus.COMPLETED, trials.get("t3").status());
  }

  @Test
  void theTrialOfAWorkerThatDisappearsIsRequeuedAndFinishesElsewhere() {
    SweepPlan plan = storeSweep(3.0);
    ScriptedRunner wedged = new ScriptedRunner(true);
    ActorRef<Worker.Command> lost = spawnWorker("cpu-lost", wedged);
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());
    progress.fishForMessage(SWEEP_TIMEOUT, p -> p.running() == 1 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

    testKit.stop(lost);
    spawnWorker("cpu-survivor", new ScriptedRunner(false));
    SweepProgress last = awaitEnd(progress);
    wedged.release();

    assertEquals(1, last.finished());
    TrialRecord trial = byId(plan).get("t1");
    assertEquals(TrialStatus.COMPLETED, trial.status());
    assertEquals(Optional.of("cpu-survivor"), trial.worker());
    assertEquals(2, trial.attempt());
    List<MetricPoint> history = store.metrics(plan.sweepId(), "t1");
    assertEquals(
        IntStream.rangeClosed(1, ScriptedRunner.STEPS).asLongStream().boxed().toList(),
        history.stream().map(MetricPoint::step).toList(),
        "the first attempt's metrics are replaced, not duplicated");
  }

  @Test
  void aStoppedTrialEndsAsStoppedAndTheSweepGoesOn() {
    SweepPlan plan = storeSweep(1.0, 2.0);
    ScriptedRunner wedged = new ScriptedRunner(true);
    spawnWorker("cpu-0", wedged);
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = spawnCoordinator(plan, progress.getRef());
    progress.fishForMessage(SWEEP_TIMEOUT, p -> p.running() == 1 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

    coordinator.tell(new Coordinator.StopTrial("t2"));
    coordinator.tell(new Coordinator.StopTrial("t1"));
    wedged.release();
    awaitEnd(progress);

    Map<String, TrialRecord> trials = byId(plan);
    assertEquals(TrialStatus.STOPPED, trials.get("t1").status());
    assertEquals(TrialStatus.STOPPED, trials.get("t2").status());
    assertEquals(0, trials.get("t2").attempt(), "a queued trial that is stopped never starts");
  }

  private SweepPlan storeSweep(double... xs) {
    String sweepId = store.newSweepId("scripted");
    Path artifacts = dataDir.resolve("artifacts").resolve(sweepId);
    store.createSweep(
        new SweepRecord(
            sweepId, "scripted", "scripted", "grid", "val/score", "maximize", SweepStatus.RUNNING, "name: scripted\n",
            null, artifacts.toString(), Instant.now(), Optional.empty()),
        IntStream.range(0, xs.length)
            .mapToObj(i -> TrialRecord.queued(sweepId, "t" + (i + 1), i + 1, Map.of("x", xs[i]), 42 + i))
            .toList());
    return new SweepPlan(sweepId, "scripted", DatasetSpec.named(DatasetSpec.GAUSSIAN_2D), Budget.ofSteps(ScriptedRunner.STEPS), 1, artifacts);
  }

  private ActorRef<Worker.Command> spawnWorker(String id, ScriptedRunner runner) {
    return testKit.spawn(Worker.create(new WorkerInfo(id, "localhost", "cpu:0", 1, ProcessHandle.current().pid()), runner), id);
  }

  private ActorRef<Coordinator.Command> spawnCoordinator(SweepPlan plan, ActorRef<SweepProgress> listener) {
    return testKit.spawn(
        Coordinator.create(store, plan, listener), "coordinator", DispatcherSelector.fromConfig("gantry.store-dispatcher"));
  }

  private SweepProgress runToEnd(SweepPlan plan) {
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());
    return awaitEnd(progress);
  }

  private static SweepProgress awaitEnd(TestProbe<SweepProgress> progress) {
    List<SweepProgress> seen =
        progress.fishForMessage(
            SWEEP_TIMEOUT, p -> p.sweepFinished() ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return seen.get(seen.size() - 1);
  }

  private Map<String, TrialRecord> byId(SweepPlan plan) {
    return store.trials(plan.sweepId()).stream().collect(Collectors.toMap(TrialRecord::trialId, t -> t));
  }
}
