package io.gantry.orchestrator.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.schedule.FifoScheduler;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerEvent;
import io.gantry.protocol.WorkerInfo;
import io.gantry.worker.DeviceCheck;
import io.gantry.protocol.trial.TrialOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.Test;

/** Dispatch, failures, lost workers and stops, with trials proposed on demand or already queued. */
class CoordinatorTest extends CoordinatorFixture {

  @Test
  void fourTrialsOnTwoWorkersAllFinishAndBothWorkersGetWork() {
    SweepPlan plan = newSweep(4, new ScriptedSearch(1.0, 2.0, 3.0, 4.0), new FifoScheduler());
    TestProbe<SweepEvent> events = testKit.createTestProbe();
    testKit.system().eventStream().tell(new EventStream.Subscribe<>(SweepEvent.class, events.getRef()));
    spawnWorker("cpu-0", new ScriptedRunner(false));
    spawnWorker("cpu-1", new ScriptedRunner(false));

    SweepProgress last = runToEnd(plan);

    List<SweepEvent> published =
        events.fishForMessage(
            SWEEP_TIMEOUT, e -> e instanceof SweepEvent.SweepEnded ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
    assertEquals(4, published.stream().filter(e -> e instanceof SweepEvent.TrialAdded).count());
    assertEquals(4, published.stream().filter(e -> e instanceof SweepEvent.TrialEnded).count());
    assertEquals(4 * ScriptedRunner.STEPS, published.stream().filter(e -> e instanceof SweepEvent.MetricsReported).count());

    assertEquals(4, last.finished());
    assertEquals(4, last.total());
    List<TrialRecord> trials = store.trials(plan.sweepId());
    assertEquals(List.of("t001", "t002", "t003", "t004"), trials.stream().map(TrialRecord::trialId).toList());
    assertEquals(List.of(43L, 44L, 45L, 46L), trials.stream().map(TrialRecord::seed).toList(), "trial n is seeded seed + n");
    assertTrue(trials.stream().allMatch(t -> t.status() == TrialStatus.COMPLETED), trials::toString);
    Set<String> workers = trials.stream().map(t -> t.worker().orElseThrow()).collect(Collectors.toSet());
    assertEquals(Set.of("cpu-0", "cpu-1"), workers);
    assertEquals(4.0 * ScriptedRunner.STEPS, last.best().getAsDouble());
    assertEquals(SweepStatus.FINISHED, store.sweep(plan.sweepId()).orElseThrow().status());
    for (TrialRecord trial : trials) {
      assertEquals(ScriptedRunner.STEPS, trialsOwn(store.metrics(plan.sweepId(), trial.trialId())).size());
      assertEquals(ScriptedRunner.STEPS, trial.lastStep());
    }
  }

  @Test
  void aTrialThatThrowsMarksOnlyItselfFailed() {
    SweepPlan plan = newSweep(3, new ScriptedSearch(1.0, -1.0, 2.0), new FifoScheduler());
    spawnWorker("cpu-0", new ScriptedRunner(false));

    runToEnd(plan);

    Map<String, TrialRecord> trials = byId(plan);
    assertEquals(TrialStatus.COMPLETED, trials.get("t001").status());
    assertEquals(TrialStatus.FAILED, trials.get("t002").status());
    assertTrue(trials.get("t002").message().orElseThrow().contains("x must not be negative"));
    assertEquals(TrialStatus.COMPLETED, trials.get("t003").status());
  }

  @Test
  void theTrialOfAWorkerThatDisappearsIsRequeuedAndFinishesElsewhere() {
    SweepPlan plan = newSweep(1, new ScriptedSearch(3.0), new FifoScheduler());
    ScriptedRunner wedged = new ScriptedRunner(true);
    ActorRef<WorkerCommand> lost = spawnWorker("cpu-lost", wedged);
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());
    progress.fishForMessage(SWEEP_TIMEOUT, p -> p.running() == 1 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

    testKit.stop(lost);
    spawnWorker("cpu-survivor", new ScriptedRunner(false));
    SweepProgress last = awaitEnd(progress);
    wedged.release();

    assertEquals(1, last.finished());
    TrialRecord trial = byId(plan).get("t001");
    assertEquals(TrialStatus.COMPLETED, trial.status());
    assertEquals(Optional.of("cpu-survivor"), trial.worker());
    assertEquals(2, trial.attempt());
    List<MetricPoint> history = trialsOwn(store.metrics(plan.sweepId(), "t001"));
    assertEquals(
        IntStream.rangeClosed(1, ScriptedRunner.STEPS).asLongStream().boxed().toList(),
        history.stream().map(MetricPoint::step).toList(),
        "the first attempt's metrics are kept, and the second's repeats of them dropped");
  }

  @Test
  void aSweepForGpuWorkersLeavesACpuWorkerIdleAndRunsOnAGpuWorker() {
    SweepPlan plan = on(newSweep(1, new ScriptedSearch(1.0), new FifoScheduler()), new Resources(Resources.DeviceKind.GPU));
    spawnWorker("cpu-0", new ScriptedRunner(false));
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());
    // the cpu worker has long asked for work by then
    progress.expectMessageClass(SweepProgress.class);
    sleepQuietly(Duration.ofSeconds(2));
    assertTrue(byId(plan).isEmpty(), "no trial is made for a worker the sweep cannot use");

    spawnWorker("gpu-0", "gpu:0", new ScriptedRunner(false));
    awaitEnd(progress);

    assertEquals(Optional.of("gpu:0"), byId(plan).get("t001").device());
  }

  @Test
  void aWorkerAskingForWorkWhileItsTrialRunsHereHadItsEndLostAndTheTrialGoesOnAgain() {
    SweepPlan plan = newSweep(1, new ScriptedSearch(1.0), new FifoScheduler());
    TestProbe<WorkerCommand> worker = testKit.createTestProbe();
    WorkerInfo info = WorkerInfo.ofThisProcess("cpu-0", "cpu:0", 1, DeviceCheck.machineMemory());
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    ActorRef<Coordinator.Command> coordinator = spawnCoordinator(plan, progress.getRef());

    TestProbe<WorkerEvent> reports = testKit.createTestProbe();
    coordinator.tell(new Coordinator.Offer(worker.getRef(), info, reports.getRef()));
    WorkerCommand.AssignTrial first = worker.expectMessageClass(WorkerCommand.AssignTrial.class, SWEEP_TIMEOUT);
    // the worker's Ended for it never arrives; the service hears it ask for work again
    coordinator.tell(new Coordinator.WorkerFreed(worker.getRef()));
    coordinator.tell(new Coordinator.Offer(worker.getRef(), info, reports.getRef()));
    WorkerCommand.AssignTrial again = worker.expectMessageClass(WorkerCommand.AssignTrial.class, SWEEP_TIMEOUT);
    assertEquals(first.spec().trialId(), again.spec().trialId());
    coordinator.tell(new Coordinator.FromWorker(new WorkerEvent.Ended(plan.sweepId(), "t001", worker.getRef(), TrialOutcome.completed(5))));
    awaitEnd(progress);

    TrialRecord trial = byId(plan).get("t001");
    assertEquals(TrialStatus.COMPLETED, trial.status());
    assertEquals(2, trial.attempt());
  }

  @Test
  void aStoppedTrialEndsAsStoppedAndTheSweepGoesOn() {
    SweepPlan plan = queuedSweep(1.0, 2.0);
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
    assertTrue(trials.get("t1").stopRung().isEmpty(), "stopped by hand, not by a scheduler");
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The trial's own metrics, less the machine's {@code system/...} samples that ride on some of its reports. */
  private static List<MetricPoint> trialsOwn(List<MetricPoint> history) {
    return history.stream().filter(p -> !p.name().startsWith("system/")).toList();
  }
}
