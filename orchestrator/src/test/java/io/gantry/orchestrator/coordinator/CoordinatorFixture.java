package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.service.Sweeps;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import com.typesafe.config.ConfigFactory;
import io.gantry.orchestrator.schedule.FifoScheduler;
import io.gantry.orchestrator.schedule.TrialScheduler;
import io.gantry.orchestrator.search.SearchStrategy;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerInfo;
import io.gantry.worker.DeviceCheck;
import io.gantry.worker.Worker;
import io.gantry.worker.trial.TrialRunner;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator and real worker actors in one ActorTestKit, with a real H2 file, running
 * {@link ScriptedRunner} trials of {@code {x}} with metric {@code val/score} (maximized).
 */
abstract class CoordinatorFixture {

  static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dataDir;
  ActorTestKit testKit;
  H2RunStore store;
  ActorRef<Sweeps.Command> service;

  @BeforeEach
  void start() {
    testKit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    store = H2RunStore.open(dataDir);
    service = testKit.spawn(Sweeps.create(), "sweeps");
  }

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
    store.close();
  }

  /** A stored sweep with no trials yet, whose coordinator asks {@code search} for up to {@code maxTrials}. */
  SweepPlan newSweep(int maxTrials, SearchStrategy search, TrialScheduler scheduler) {
    return plan(storeSweep(sweepId -> List.of()), maxTrials, search, scheduler);
  }

  /** The plan of a stored sweep run again (as after {@code gantry extend}), with a fresh search. */
  SweepPlan plan(String sweepId, int maxTrials, SearchStrategy search, TrialScheduler scheduler) {
    Path artifacts = dataDir.resolve("artifacts").resolve(sweepId);
    return new SweepPlan(
        sweepId, "scripted", DatasetSpec.named(DatasetSpec.GAUSSIAN_2D), Budget.ofSteps(ScriptedRunner.STEPS), 1,
        artifacts, 42, maxTrials, search, scheduler, Resources.ANY, Scheduling.DEFAULT, Optional.empty(), Optional.empty());
  }

  /** A stored sweep whose trials {@code t1, t2, ...} are already queued, as a resumed sweep's are. */
  SweepPlan queuedSweep(double... xs) {
    String sweepId =
        storeSweep(
            id ->
                IntStream.range(0, xs.length)
                    .mapToObj(i -> TrialRecord.queued(id, "t" + (i + 1), i + 1, Map.of("x", xs[i]), 42 + i))
                    .toList());
    return plan(sweepId, xs.length, new ScriptedSearch(), new FifoScheduler());
  }

  private String storeSweep(Function<String, List<TrialRecord>> trials) {
    String sweepId = store.newSweepId("scripted");
    store.createSweep(
        new SweepRecord(
            sweepId, "scripted", "scripted", "grid", "val/score", "maximize", SweepStatus.RUNNING, "name: scripted\n",
            null, dataDir.resolve("artifacts").resolve(sweepId).toString(), Instant.now(), Optional.empty(), OptionalInt.empty()),
        trials.apply(sweepId));
    return sweepId;
  }

  ActorRef<WorkerCommand> spawnWorker(String id, TrialRunner runner) {
    return spawnWorker(id, "cpu:0", runner);
  }

  ActorRef<WorkerCommand> spawnWorker(String id, String device, TrialRunner runner) {
    return testKit.spawn(Worker.create(WorkerInfo.ofThisProcess(id, device, 1, DeviceCheck.machineMemory()), runner, dataDir.resolve("scratch").resolve(id)), id);
  }

  /** {@code plan} for the workers {@code resources} accepts only. */
  static SweepPlan on(SweepPlan plan, Resources resources) {
    return new SweepPlan(
        plan.sweepId(), plan.model(), plan.dataset(), plan.budget(), plan.reportEvery(), plan.artifactDir(), plan.seed(),
        plan.maxTrials(), plan.search(), plan.scheduler(), resources, plan.scheduling(), plan.population(), plan.replay());
  }

  ActorRef<Coordinator.Command> spawnCoordinator(SweepPlan plan, ActorRef<SweepProgress> listener) {
    return testKit.spawn(
        Coordinator.create(store, plan, EventOutbox.NONE, listener, service), "coordinator-" + System.nanoTime(),
        DispatcherSelector.fromConfig("gantry.store-dispatcher"));
  }

  SweepProgress runToEnd(SweepPlan plan) {
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());
    return awaitEnd(progress);
  }

  static SweepProgress awaitEnd(TestProbe<SweepProgress> progress) {
    List<SweepProgress> seen =
        progress.fishForMessage(
            SWEEP_TIMEOUT, p -> p.sweepFinished() ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return seen.get(seen.size() - 1);
  }

  Map<String, TrialRecord> byId(SweepPlan plan) {
    return store.trials(plan.sweepId()).stream().collect(Collectors.toMap(TrialRecord::trialId, t -> t));
  }
}
