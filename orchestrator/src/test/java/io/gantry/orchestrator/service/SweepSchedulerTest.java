package io.gantry.orchestrator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import io.gantry.protocol.WorkerInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SweepSchedulerTest {

  private static final Resources GPU = new Resources(Resources.DeviceKind.GPU);

  private static SweepShare sweep(String id, long order, int priority, int weight, int startable, int running) {
    return new SweepShare(id, order, new Scheduling(priority, weight, Integer.MAX_VALUE, true), Resources.ANY, startable, running, -1);
  }

  /** A worker driving {@code device} with {@code threads} threads. */
  private static WorkerInfo worker(String device, int threads) {
    return new WorkerInfo("node/" + device, "node", device, threads, 1, 1L << 30);
  }

  private static Optional<String> pick(String device, SweepShare... sweeps) {
    return SweepScheduler.pick(worker(device, 1), List.of(sweeps)).map(SweepShare::sweepId);
  }

  /** Hands {@code workers} idle workers out one at a time, as the service does; the workers each sweep got. */
  private static Map<String, Integer> handOut(int workers, List<SweepShare> sweeps) {
    List<SweepShare> now = new ArrayList<>(sweeps);
    Map<String, Integer> got = new HashMap<>();
    for (int i = 0; i < workers; i++) {
      Optional<SweepShare> chosen = SweepScheduler.pick(worker("cpu:" + i, 1), now);
      if (chosen.isEmpty()) {
        break;
      }
      SweepShare s = chosen.get();
      got.merge(s.sweepId(), 1, Integer::sum);
      now.set(now.indexOf(s), new SweepShare(s.sweepId(), s.order(), s.scheduling(), s.resources(), s.startable() - 1, s.running() + 1, i));
    }
    return got;
  }

  @Test
  void equalSweepsShareTheWorkersEvenly() {
    Map<String, Integer> got = handOut(6, List.of(sweep("a", 0, 0, 1, 10, 0), sweep("b", 1, 0, 1, 10, 0), sweep("c", 2, 0, 1, 10, 0)));
    assertEquals(Map.of("a", 2, "b", 2, "c", 2), got);
  }

  @Test
  void weightsShareInProportion() {
    Map<String, Integer> got = handOut(6, List.of(sweep("heavy", 0, 0, 2, 10, 0), sweep("light", 1, 0, 1, 10, 0)));
    assertEquals(Map.of("heavy", 4, "light", 2), got);
  }

  @Test
  void theSweepWithFewestWorkersGetsTheNextOneAndTiesGoToTheLeastRecentlyServed() {
    assertEquals(Optional.of("b"), pick("cpu:0", sweep("a", 0, 0, 1, 5, 2), sweep("b", 1, 0, 1, 5, 1)));
    assertEquals(Optional.of("a"), pick("cpu:0", sweep("a", 0, 0, 1, 5, 1), sweep("b", 1, 0, 1, 5, 1)));
    SweepShare servedJustNow = new SweepShare("a", 0, Scheduling.DEFAULT, Resources.ANY, 5, 0, 7);
    SweepShare waiting = new SweepShare("c", 2, Scheduling.DEFAULT, Resources.ANY, 5, 0, -1);
    assertEquals(Optional.of("c"), pick("cpu:0", servedJustNow, waiting), "a's trial just ended; c never had a worker");
  }

  @Test
  void aHigherPrioritySweepIsServedFirstWhateverItRuns() {
    assertEquals(Optional.of("high"), pick("cpu:0", sweep("low", 0, 0, 1, 5, 0), sweep("high", 1, 10, 1, 5, 3)));
  }

  @Test
  void noWorkerStaysIdleWhileAnySweepCanUseIt() {
    // the high sweep has nothing to start: the worker goes to the low one
    assertEquals(Optional.of("low"), pick("cpu:0", sweep("low", 0, -10, 1, 5, 0), sweep("high", 1, 10, 1, 0, 1)));
    assertEquals(Optional.empty(), pick("cpu:0", sweep("done", 0, 0, 1, 0, 2)));
  }

  @Test
  void resourcesAndTheConcurrencyLimitAreKept() {
    SweepShare gpuOnly = new SweepShare("gpu", 0, Scheduling.DEFAULT, GPU, 5, 0, -1);
    SweepShare capped = new SweepShare("capped", 1, new Scheduling(10, 1, 2, true), Resources.ANY, 5, 2, -1);
    SweepShare other = sweep("other", 2, 0, 1, 5, 4);
    assertEquals(Optional.of("other"), pick("cpu:0", gpuOnly, capped, other), "the gpu sweep takes no cpu worker; the capped one runs its 2");
    assertEquals(Optional.of("gpu"), pick("gpu:0", gpuOnly, capped, other));
    assertEquals(Map.of("capped", 2), handOut(4, List.of(new SweepShare("capped", 0, new Scheduling(0, 1, 2, true), Resources.ANY, 5, 0, -1))));
  }

  @Test
  void aSweepOfSeveralThreadsATrialRunsOnlyOnWorkersWithAsMany() {
    SweepShare wide = new SweepShare("wide", 0, Scheduling.DEFAULT, Resources.ANY.withThreads(4), 5, 0, -1);
    SweepShare narrow = sweep("narrow", 1, 0, 1, 5, 3);
    assertEquals(Optional.of("narrow"), SweepScheduler.pick(worker("cpu:0", 2), List.of(wide, narrow)).map(SweepShare::sweepId));
    assertEquals(Optional.of("wide"), SweepScheduler.pick(worker("cpu:0", 4), List.of(wide, narrow)).map(SweepShare::sweepId));
    SweepShare wideHigh = new SweepShare("high", 2, new Scheduling(10, 1, 5, true), Resources.ANY.withThreads(4), 5, 0, -1);
    List<BusyWorker> busy = List.of(new BusyWorker(worker("cpu:0", 1), "narrow", "t1", 1, false));
    assertEquals(List.of(), SweepScheduler.preemptions(List.of(narrow, wideHigh), busy), "a worker of one thread is no use to it");
  }

  private static BusyWorker busy(String worker, String sweep, String trial, long startOrder) {
    return new BusyWorker(new WorkerInfo(worker, "node", "cpu:" + worker, 1, 1, 1L << 30), sweep, trial, startOrder, false);
  }

  @Test
  void aWaitingHighSweepPreemptsTheLatestTrialsOfTheLowestSweeps() {
    List<SweepShare> sweeps =
        List.of(sweep("low", 0, -10, 1, 5, 1), sweep("normal", 1, 0, 1, 5, 2), sweep("high", 2, 10, 1, 2, 0));
    List<BusyWorker> busy = List.of(busy("w1", "normal", "t001", 1), busy("w2", "low", "t001", 2), busy("w3", "normal", "t002", 3));
    List<Preemption> preemptions = SweepScheduler.preemptions(sweeps, busy);
    assertEquals(List.of("w2", "w3"), preemptions.stream().map(Preemption::workerId).toList(), "the low one first, then normal's latest");
    assertEquals("high", preemptions.get(0).forSweepId());
    assertTrue(preemptions.get(0).reason().contains("high"), preemptions.get(0).reason());
  }

  @Test
  void sweepsOfOnePriorityNeverPreemptEachOther() {
    List<SweepShare> sweeps = List.of(sweep("a", 0, 0, 1, 5, 2), sweep("b", 1, 0, 1, 5, 0));
    assertEquals(List.of(), SweepScheduler.preemptions(sweeps, List.of(busy("w1", "a", "t1", 1), busy("w2", "a", "t2", 2))));
  }

  @Test
  void notPreemptibleSweepsAndTrialsOnTheWayOutAreLeftAlone() {
    SweepShare pinned = new SweepShare("pinned", 0, new Scheduling(0, 1, Integer.MAX_VALUE, false), Resources.ANY, 5, 1, -1);
    SweepShare normal = sweep("normal", 1, 0, 1, 5, 1);
    SweepShare high = sweep("high", 2, 10, 1, 1, 0);
    List<BusyWorker> busy =
        List.of(busy("w1", "pinned", "t1", 1), new BusyWorker(new WorkerInfo("w2", "node", "cpu:1", 1, 1, 1L << 30), "normal", "t1", 2, true));
    assertEquals(List.of(), SweepScheduler.preemptions(List.of(pinned, normal, high), busy), "w2 is already freeing up for high");
  }

  @Test
  void aSweepPreemptsNoMoreThanItCanUse() {
    SweepShare capped = new SweepShare("high", 1, new Scheduling(10, 1, 1, true), Resources.ANY, 5, 0, -1);
    List<BusyWorker> busy = List.of(busy("w1", "low", "t1", 1), busy("w2", "low", "t2", 2));
    assertEquals(1, SweepScheduler.preemptions(List.of(sweep("low", 0, 0, 1, 5, 2), capped), busy).size());
    SweepShare gpuHigh = new SweepShare("high", 1, new Scheduling(10, 1, 5, true), GPU, 5, 0, -1);
    assertEquals(List.of(), SweepScheduler.preemptions(List.of(sweep("low", 0, 0, 1, 5, 2), gpuHigh), busy), "cpu workers are no use to it");
  }
}
