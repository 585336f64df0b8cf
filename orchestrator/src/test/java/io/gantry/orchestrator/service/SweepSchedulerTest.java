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
    return SweepScheduler.pick(worker(device, 1), List.of(sweeps), GpuShares.NONE).map(SweepShare::sweepId);
  }

  /** Hands {@code workers} idle workers out one at a time, as the service does; the workers each sweep got. */
  private static Map<String, Integer> handOut(int workers, List<SweepShare> sweeps) {
    List<SweepShare> now = new ArrayList<>(sweeps);
    Map<String, Integer> got = new HashMap<>();
    for (int i = 0; i < workers; i++) {
      Optional<SweepShare> chosen = SweepScheduler.pick(worker("cpu:" + i, 1), now, GpuShares.NONE);
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
    assertEquals(Optional.of("narrow"), SweepScheduler.pick(worker("cpu:0", 2), List.of(wide, narrow), GpuShares.NONE).map(SweepShare::sweepId));
    assertEquals(Optional.of("wide"), SweepScheduler.pick(worker("cpu:0", 4), List.of(wide, narrow), GpuShares.NONE).map(SweepShare::sweepId));
    SweepShare wideHigh = new SweepShare("high", 2, new Scheduling(10, 1, 5, true), Resources.ANY.withThreads(4), 5, 0, -1);
    List<BusyWorker> busy = List.of(new BusyWorker(worker("cpu:0", 1), "narrow", "t1", 1, false));
    assertEquals(List.of(), SweepScheduler.preemptions(List.of(narrow, wideHigh), busy, GpuShares.NONE), "a worker of one thread is no use to it");
  }

  private static BusyWorker busy(String worker, String sweep, String trial, long startOrder) {
    return new BusyWorker(new WorkerInfo(worker, "node", "cpu:" + worker, 1, 1, 1L << 30), sweep, trial, startOrder, false);
  }

  @Test
  void aWaitingHighSweepPreemptsTheLatestTrialsOfTheLowestSweeps() {
    List<SweepShare> sweeps =
        List.of(sweep("low", 0, -10, 1, 5, 1), sweep("normal", 1, 0, 1, 5, 2), sweep("high", 2, 10, 1, 2, 0));
    List<BusyWorker> busy = List.of(busy("w1", "normal", "t001", 1), busy("w2", "low", "t001", 2), busy("w3", "normal", "t002", 3));
    List<Preemption> preemptions = SweepScheduler.preemptions(sweeps, busy, GpuShares.NONE);
    assertEquals(List.of("w2", "w3"), preemptions.stream().map(Preemption::workerId).toList(), "the low one first, then normal's latest");
    assertEquals("high", preemptions.get(0).forSweepId());
    assertTrue(preemptions.get(0).reason().contains("high"), preemptions.get(0).reason());
  }

  @Test
  void sweepsOfOnePriorityNeverPreemptEachOther() {
    List<SweepShare> sweeps = List.of(sweep("a", 0, 0, 1, 5, 2), sweep("b", 1, 0, 1, 5, 0));
    assertEquals(List.of(), SweepScheduler.preemptions(sweeps, List.of(busy("w1", "a", "t1", 1), busy("w2", "a", "t2", 2)), GpuShares.NONE));
  }

  @Test
  void notPreemptibleSweepsAndTrialsOnTheWayOutAreLeftAlone() {
    SweepShare pinned = new SweepShare("pinned", 0, new Scheduling(0, 1, Integer.MAX_VALUE, false), Resources.ANY, 5, 1, -1);
    SweepShare normal = sweep("normal", 1, 0, 1, 5, 1);
    SweepShare high = sweep("high", 2, 10, 1, 1, 0);
    List<BusyWorker> busy =
        List.of(busy("w1", "pinned", "t1", 1), new BusyWorker(new WorkerInfo("w2", "node", "cpu:1", 1, 1, 1L << 30), "normal", "t1", 2, true));
    assertEquals(List.of(), SweepScheduler.preemptions(List.of(pinned, normal, high), busy, GpuShares.NONE), "w2 is already freeing up for high");
  }

  @Test
  void aSweepPreemptsNoMoreThanItCanUse() {
    SweepShare capped = new SweepShare("high", 1, new Scheduling(10, 1, 1, true), Resources.ANY, 5, 0, -1);
    List<BusyWorker> busy = List.of(busy("w1", "low", "t1", 1), busy("w2", "low", "t2", 2));
    assertEquals(1, SweepScheduler.preemptions(List.of(sweep("low", 0, 0, 1, 5, 2), capped), busy, GpuShares.NONE).size());
    SweepShare gpuHigh = new SweepShare("high", 1, new Scheduling(10, 1, 5, true), GPU, 5, 0, -1);
    assertEquals(List.of(), SweepScheduler.preemptions(List.of(sweep("low", 0, 0, 1, 5, 2), gpuHigh), busy, GpuShares.NONE), "cpu workers are no use to it");
  }

  private static final Resources QUARTER = Resources.gpuShare(0.25);

  private static SweepShare onGpu(String id, long order, int priority, Resources resources, int startable, int running) {
    return new SweepShare(id, order, new Scheduling(priority, 1, Integer.MAX_VALUE, true), resources, startable, running, -1);
  }

  private static BusyWorker onGpu(WorkerInfo worker, String sweep, String trial, long startOrder) {
    return new BusyWorker(worker, sweep, trial, startOrder, false);
  }

  @Test
  void fourQuarterTrialsShareAGpuAndNeverAFifthWhileAnotherHostsGpuIsSeparate() {
    SweepShare quarters = onGpu("quarters", 0, 0, QUARTER, 10, 0);
    GpuShares shares = GpuShares.NONE;
    for (int i = 1; i <= 4; i++) {
      WorkerInfo process = GpuSharesTest.on("nodeA", "gpu:0", "gpu-0." + i);
      assertEquals(Optional.of(quarters), SweepScheduler.pick(process, List.of(quarters), shares), "quarter " + i);
      shares = shares.plus(process, quarters.gpuFraction());
    }
    assertEquals(Optional.empty(), SweepScheduler.pick(GpuSharesTest.on("nodeA", "gpu:0", "gpu-0.5"), List.of(quarters), shares));
    assertEquals(Optional.of(quarters), SweepScheduler.pick(GpuSharesTest.on("nodeB", "gpu:0", "gpu-0"), List.of(quarters), shares));
  }

  @Test
  void aWholeGpuSweepWaitsWhileAQuarterTrialRunsThereWhateverItsPriority() {
    SweepShare whole = onGpu("whole", 0, 10, GPU, 5, 0);
    SweepShare quarters = onGpu("quarters", 1, 0, QUARTER, 5, 1);
    GpuShares shares = GpuShares.NONE.plus(GpuSharesTest.on("nodeA", "gpu:0", "gpu-0"), 0.25);
    assertEquals(Optional.of(quarters), SweepScheduler.pick(GpuSharesTest.on("nodeA", "gpu:0", "gpu-0.2"), List.of(whole, quarters), shares));
    assertEquals(Optional.of(whole), SweepScheduler.pick(GpuSharesTest.on("nodeB", "gpu:0", "gpu-0"), List.of(whole, quarters), shares));
  }

  /** Four quarter trials of sweep {@code low} on nodeA's gpu:0, started in order, and their shares. */
  private static List<BusyWorker> fourQuartersOfLow() {
    List<BusyWorker> busy = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      busy.add(onGpu(GpuSharesTest.on("nodeA", "gpu:0", "gpu-0." + i), "low", "t00" + i, i));
    }
    return busy;
  }

  private static GpuShares sharesOf(List<BusyWorker> busy, double fraction) {
    GpuShares shares = GpuShares.NONE;
    for (BusyWorker w : busy) {
      shares = shares.plus(w.worker(), fraction);
    }
    return shares;
  }

  @Test
  void aWaitingWholeGpuSweepPreemptsEveryQuarterOnTheGpuAndAQuarterSweepOnlyTheLatest() {
    List<BusyWorker> busy = fourQuartersOfLow();
    GpuShares shares = sharesOf(busy, 0.25);
    SweepShare low = onGpu("low", 0, 0, QUARTER, 5, 4);

    List<Preemption> forWhole = SweepScheduler.preemptions(List.of(low, onGpu("high", 1, 10, GPU, 1, 0)), busy, shares);
    assertEquals(List.of("nodeA/gpu-0.4", "nodeA/gpu-0.3", "nodeA/gpu-0.2", "nodeA/gpu-0.1"), forWhole.stream().map(Preemption::workerId).toList());

    List<Preemption> forQuarter = SweepScheduler.preemptions(List.of(low, onGpu("high", 1, 10, QUARTER, 1, 0)), busy, shares);
    assertEquals(List.of("nodeA/gpu-0.4"), forQuarter.stream().map(Preemption::workerId).toList());
  }

  @Test
  void noTrialIsPreemptedWhereItsEndWouldNotMakeRoom() {
    List<BusyWorker> busy = new ArrayList<>(fourQuartersOfLow());
    busy.set(0, onGpu(busy.get(0).worker(), "pinned", "t001", 1));
    SweepShare pinned = new SweepShare("pinned", 0, new Scheduling(0, 1, Integer.MAX_VALUE, false), QUARTER, 5, 1, -1);
    SweepShare low = onGpu("low", 1, 0, QUARTER, 5, 3);
    SweepShare whole = onGpu("whole", 2, 10, GPU, 1, 0);
    assertEquals(List.of(), SweepScheduler.preemptions(List.of(pinned, low, whole), busy, sharesOf(busy, 0.25)), "the pinned quarter stays");
  }

  @Test
  void trialsOnTheirWayOutCountOnceTheyMakeRoomAndTheirGpuTakesNoOtherTrial() {
    List<BusyWorker> busy =
        fourQuartersOfLow().stream().map(w -> new BusyWorker(w.worker(), w.sweepId(), w.trialId(), w.startOrder(), true)).toList();
    GpuShares shares = sharesOf(busy, 0.25);
    SweepShare low = onGpu("low", 0, 0, QUARTER, 5, 4);
    SweepShare twoWhole = onGpu("high", 1, 10, GPU, 2, 0);
    WorkerInfo elsewhere = GpuSharesTest.on("nodeB", "gpu:0", "gpu-0");
    List<BusyWorker> withAnother = new ArrayList<>(busy);
    withAnother.add(onGpu(elsewhere, "low", "t005", 5));
    List<Preemption> preemptions = SweepScheduler.preemptions(List.of(low, twoWhole), withAnother, shares.plus(elsewhere, 0.25));
    assertEquals(List.of("nodeB/gpu-0"), preemptions.stream().map(Preemption::workerId).toList(), "the four freeing nodeA make room for one");

    GpuShares draining = shares.minus(busy.get(0).worker(), 0.25).preempting(busy.get(1).worker());
    assertEquals(Optional.empty(), SweepScheduler.pick(busy.get(0).worker(), List.of(low, twoWhole), draining), "nodeA's gpu:0 drains for high");
  }
}
