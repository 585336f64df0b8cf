package io.gantry.orchestrator.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.schedule.Exploitation;
import io.gantry.orchestrator.schedule.FifoScheduler;
import io.gantry.orchestrator.schedule.Objective;
import io.gantry.orchestrator.search.Exploration;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import io.gantry.protocol.WorkerCommand;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * Population-based training with real worker actors: the worker of a member that stops to copy
 * another is lost before it has ended the member, and nothing is lost with it.
 */
class PopulationWorkerLossTest extends CoordinatorFixture {

  /** Two members, nothing perturbed; the settings alone count: members are ranked by val/score, and nothing is varied. */
  private static final String PBT =
      """
      name: scripted
      model: gan
      dataset: gaussian-2d
      method: pbt
      population: 2
      pbt: {interval: {epochs: 1}, quantile: 0.5, perturb: [1.0], resample_probability: 0.0}
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 5}
      """;

  @Test
  void aMemberWhoseWorkerIsLostWhileItStopsToCopyGoesOnFromItsOwnCheckpointAndCopiesLater() throws Exception {
    SweepPlan queued = queuedSweep(2.0, 1.0);
    PopulationPlan population =
        new PopulationPlan(
            new Exploitation(SweepSpecParser.parse(PBT, Path.of("pbt.yaml")).pbt().orElseThrow(), new Objective("val/score", true, false, 1), 5),
            new Exploration(SweepSpecParser.parse(PBT, Path.of("pbt.yaml"))),
            new Random(1));
    SweepPlan plan =
        new SweepPlan(
            queued.sweepId(), queued.model(), queued.dataset(), queued.budget(), queued.reportEvery(), queued.artifactDir(), queued.seed(),
            queued.maxTrials(), queued.search(), new FifoScheduler(), queued.resources(), queued.scheduling(), Optional.of(population),
            Optional.empty());
    // one worker: t1 trains to its end first, then t2, worse at its first epoch, stops to copy t1
    CheckpointingRunner dying = new CheckpointingRunner(Set.of("t2"));
    ActorRef<WorkerCommand> lost = spawnWorker("cpu-lost", dying);
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());
    try {
      awaitWedged(dying, "t2");
      testKit.stop(lost);
      spawnWorker("cpu-survivor", new CheckpointingRunner(Set.of()));
      awaitEnd(progress);
    } finally {
      dying.release();
    }

    TrialRecord member = byId(plan).get("t2");
    assertEquals(TrialStatus.COMPLETED, member.status());
    assertEquals(Optional.of("cpu-survivor"), member.worker());
    List<LineageRecord> lineage = store.lineage(plan.sweepId());
    assertTrue(!lineage.isEmpty(), "t2 copied t1 once it ran again");
    LineageRecord first = lineage.get(0);
    assertEquals("t2", first.trialId());
    assertEquals("t1", first.parentId());
    long copied = first.step();
    assertTrue(copied >= 2, "the copy decided at step 1 went with the worker; t2 went on from its own checkpoint and copied later: " + first);
    List<MetricPoint> scores = store.metrics(plan.sweepId(), "t2").stream().filter(p -> p.name().equals("val/score")).toList();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), scores.stream().map(MetricPoint::step).toList(), "every step once: nothing lost, nothing repeated");
    assertEquals(
        LongStream.rangeClosed(1, 5).mapToObj(step -> step <= copied ? 1.0 * step : 2.0 * step).toList(),
        scores.stream().map(MetricPoint::value).toList(),
        "its own epochs up to the copy's step, then on from t1's state there with t1's x");
  }

  private static void awaitWedged(CheckpointingRunner runner, String trialId) throws InterruptedException {
    Instant deadline = Instant.now().plus(SWEEP_TIMEOUT);
    while (!runner.wedged(trialId)) {
      assertTrue(Instant.now().isBefore(deadline), trialId + " was never stopped to copy");
      Thread.sleep(20);
    }
  }
}
