package io.gantry.orchestrator.service;

import io.gantry.protocol.WorkerInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which sweep each worker serves, as pure functions of the cluster's state. Sweeps of a higher
 * priority come first: an idle worker serves the highest-priority sweep that can start a trial on
 * it, and a sweep that cannot get a worker otherwise has trials of lower-priority, preemptible
 * sweeps ended at their next checkpoint. Among sweeps of one priority, fair share: the worker goes
 * to the sweep that, with it, has the fewest workers per unit of weight; ties go to the sweep served
 * least recently (so that sweeps whose trials end in turn do not keep a waiting one out), then to
 * the sweep that started first. No worker stays idle while any sweep can start a trial on it.
 *
 * <p>A trial goes to a worker only when its fraction of the worker's GPU fits beside those of the
 * trials on that GPU ({@link GpuShares}), offers not yet answered included. Preempting for a sweep
 * frees room the same way: enough trials on one GPU are ended that the waiting trial fits there once
 * they have, and until then the GPU takes no other trial.
 */
public final class SweepScheduler {

  private static final Comparator<SweepShare> SERVED_FIRST =
      Comparator.comparingInt((SweepShare s) -> -s.priority())
          .thenComparingDouble(SweepShare::shareWithOneMore)
          .thenComparingLong(SweepShare::lastServed)
          .thenComparingLong(SweepShare::order);

  private SweepScheduler() {}

  /** The sweep the idle {@code worker} is to serve, if any can start a trial on it beside the trials of {@code shares}. */
  public static Optional<SweepShare> pick(WorkerInfo worker, List<SweepShare> sweeps, GpuShares shares) {
    return sweeps.stream().filter(s -> s.wants(worker, shares)).min(SERVED_FIRST);
  }

  /**
   * The trials to end at their next checkpoint so that sweeps waiting for workers get them: for
   * each sweep, highest priority first, as many as it could start beyond what it runs, minus the
   * workers already on their way to it, taken from the lowest-priority preemptible sweeps below it
   * (the most recently started trial first, as it has the least to lose). On a GPU, as many trials
   * as free room for the waiting sweep's fraction once they end, and none where that cannot be done.
   * Called when no idle worker is left that any sweep wants; {@code shares} are the GPUs' as now.
   */
  public static List<Preemption> preemptions(List<SweepShare> sweeps, List<BusyWorker> busy, GpuShares shares) {
    Map<String, SweepShare> byId = sweeps.stream().collect(Collectors.toMap(SweepShare::sweepId, Function.identity()));
    Set<String> claimed = new HashSet<>();
    List<Preemption> preemptions = new ArrayList<>();
    // what the GPUs will hold once the trials claimed so far have ended and their sweeps' trials start
    GpuShares planned = shares;
    for (SweepShare waiting : sweeps.stream().sorted(SERVED_FIRST).toList()) {
      int unmet = waiting.unmet();
      for (BusyWorker freeing : busy) {
        if (unmet > 0 && freeing.preempting() && takes(waiting, freeing, byId) && claimed.add(freeing.workerId())) {
          planned = planned.minus(freeing.worker(), byId.get(freeing.sweepId()).gpuFraction());
          if (planned.fits(freeing.worker(), waiting.gpuFraction())) {
            planned = planned.plus(freeing.worker(), waiting.gpuFraction());
            unmet--;
          }
        }
      }
      while (unmet > 0) {
        List<BusyWorker> candidates =
            busy.stream()
                .filter(w -> !w.preempting() && !claimed.contains(w.workerId()) && takes(waiting, w, byId))
                .sorted(Comparator.comparingInt((BusyWorker w) -> byId.get(w.sweepId()).priority())
                    .thenComparing(Comparator.comparingLong(BusyWorker::startOrder).reversed()))
                .toList();
        Optional<List<BusyWorker>> victims = roomFor(waiting, candidates, planned, byId);
        if (victims.isEmpty()) {
          break;
        }
        for (BusyWorker w : victims.get()) {
          claimed.add(w.workerId());
          planned = planned.minus(w.worker(), byId.get(w.sweepId()).gpuFraction());
          SweepShare from = byId.get(w.sweepId());
          preemptions.add(
              new Preemption(
                  w.workerId(), w.sweepId(), w.trialId(), waiting.sweepId(),
                  "preempted for sweep " + waiting.sweepId() + " (priority " + waiting.priority() + " over " + from.priority() + ")"));
        }
        planned = planned.plus(victims.get().get(0).worker(), waiting.gpuFraction());
        unmet--;
      }
    }
    return preemptions;
  }

  /**
   * The first of {@code candidates}, in their order, whose worker would have room for a trial of
   * {@code waiting} once its trial ended, with the further candidates on the same GPU, in their
   * order, that must end too before it has; none if no GPU can be freed enough.
   */
  private static Optional<List<BusyWorker>> roomFor(
      SweepShare waiting, List<BusyWorker> candidates, GpuShares planned, Map<String, SweepShare> byId) {
    for (BusyWorker first : candidates) {
      List<BusyWorker> victims = new ArrayList<>(List.of(first));
      GpuShares freed = planned.minus(first.worker(), byId.get(first.sweepId()).gpuFraction());
      for (BusyWorker next : candidates) {
        if (!freed.fits(first.worker(), waiting.gpuFraction()) && next != first && GpuShares.sameGpu(first.worker(), next.worker())) {
          victims.add(next);
          freed = freed.minus(next.worker(), byId.get(next.sweepId()).gpuFraction());
        }
      }
      if (freed.fits(first.worker(), waiting.gpuFraction())) {
        return Optional.of(victims);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code waiting} may have the worker of {@code w} once its trial ends at a checkpoint. */
  private static boolean takes(SweepShare waiting, BusyWorker w, Map<String, SweepShare> byId) {
    SweepShare owner = byId.get(w.sweepId());
    return owner != null
        && waiting.resources().accepts(w.worker())
        && owner.priority() < waiting.priority()
        && owner.scheduling().preemptible();
  }
}
