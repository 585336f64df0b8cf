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
 */
public final class SweepScheduler {

  private static final Comparator<SweepShare> SERVED_FIRST =
      Comparator.comparingInt((SweepShare s) -> -s.priority())
          .thenComparingDouble(SweepShare::shareWithOneMore)
          .thenComparingLong(SweepShare::lastServed)
          .thenComparingLong(SweepShare::order);

  private SweepScheduler() {}

  /** The sweep the idle {@code worker} is to serve, if any can start a trial on it. */
  public static Optional<SweepShare> pick(WorkerInfo worker, List<SweepShare> sweeps) {
    return sweeps.stream().filter(s -> s.wants(worker)).min(SERVED_FIRST);
  }

  /**
   * The trials to end at their next checkpoint so that sweeps waiting for workers get them: for
   * each sweep, highest priority first, as many as it could start beyond what it runs, minus the
   * workers already on their way to it, taken from the lowest-priority preemptible sweeps below it
   * (the most recently started trial first, as it has the least to lose). Called when no idle
   * worker is left that any sweep wants.
   */
  public static List<Preemption> preemptions(List<SweepShare> sweeps, List<BusyWorker> busy) {
    Map<String, SweepShare> byId = sweeps.stream().collect(Collectors.toMap(SweepShare::sweepId, Function.identity()));
    Set<String> claimed = new HashSet<>();
    List<Preemption> preemptions = new ArrayList<>();
    for (SweepShare waiting : sweeps.stream().sorted(SERVED_FIRST).toList()) {
      int unmet = waiting.unmet();
      for (BusyWorker freeing : busy) {
        if (unmet > 0 && freeing.preempting() && takes(waiting, freeing, byId) && claimed.add(freeing.workerId())) {
          unmet--;
        }
      }
      while (unmet > 0) {
        Optional<BusyWorker> victim =
            busy.stream()
                .filter(w -> !w.preempting() && !claimed.contains(w.workerId()) && takes(waiting, w, byId))
                .min(Comparator.comparingInt((BusyWorker w) -> byId.get(w.sweepId()).priority())
                    .thenComparing(Comparator.comparingLong(BusyWorker::startOrder).reversed()));
        if (victim.isEmpty()) {
          break;
        }
        BusyWorker w = victim.get();
        claimed.add(w.workerId());
        SweepShare from = byId.get(w.sweepId());
        preemptions.add(
            new Preemption(
                w.workerId(), w.sweepId(), w.trialId(), waiting.sweepId(),
                "preempted for sweep " + waiting.sweepId() + " (priority " + waiting.priority() + " over " + from.priority() + ")"));
        unmet--;
      }
    }
    return preemptions;
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
