package io.gantry.orchestrator.service;

import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.WorkerGateway;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.orchestrator.sweep.Scheduling;
import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerEvent;
import io.gantry.protocol.WorkerInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The sweep service of a process: every sweep it runs at once, each with its own {@link
 * Coordinator}, and the workers they share. Workers find it through the Receptionist and tell it
 * everything; it hands what concerns a trial to that trial's coordinator, and each idle worker to
 * the sweep {@link SweepScheduler#pick} chooses, which starts a trial on it or declines. When a
 * sweep of a higher priority waits for workers, it asks coordinators of lower ones to end trials
 * at their next checkpoint ({@link SweepScheduler#preemptions}).
 */
public final class Sweeps extends AbstractBehavior<Sweeps.Command> {

  /** Messages the service understands. */
  public sealed interface Command {}

  /** Run a sweep: spawn its actors, made with this service's address, under the service. */
  public record Start(String sweepId, Function<ActorRef<Command>, Behavior<Void>> actors) implements Command {}

  /** The sweep's actors are done (its coordinator stopped and its tracking delivered): stop them. */
  public record Release(String sweepId) implements Command {}

  /** A sweep's coordinator runs and takes workers at {@code coordinator}. */
  public record Joined(String sweepId, ActorRef<Coordinator.Command> coordinator, Scheduling scheduling, Resources resources)
      implements Command {}

  /** How many trials the sweep could start now; told whenever that changes. */
  public record Demand(String sweepId, int startable) implements Command {}

  /** The coordinator started {@code trialId} on the worker it was offered. */
  public record Took(String sweepId, ActorRef<WorkerCommand> worker, String trialId) implements Command {}

  /** The coordinator had nothing to start on the worker it was offered. */
  public record Declined(String sweepId, ActorRef<WorkerCommand> worker) implements Command {}

  private record FromWorker(WorkerEvent event) implements Command {}

  private record WorkerLost(ActorRef<WorkerCommand> worker) implements Command {}

  private record CoordinatorStopped(String sweepId) implements Command {}

  /** A sweep that runs here. */
  private record Active(
      ActorRef<Coordinator.Command> coordinator, long order, Scheduling scheduling, Resources resources, int startable) {
    Active withStartable(int n) {
      return new Active(coordinator, order, scheduling, resources, n);
    }
  }

  /**
   * What a busy worker does: a trial of a sweep, or an offer the sweep has yet to answer, taking
   * {@code gpuFraction} of the worker's GPU either way (kept here, as the sweep may stop first).
   */
  private record Busy(String sweepId, Optional<String> trialId, long startOrder, boolean preempting, double gpuFraction) {
    Busy started(String trialId, long order) {
      return new Busy(sweepId, Optional.of(trialId), order, false, gpuFraction);
    }

    Busy preempted() {
      return new Busy(sweepId, trialId, startOrder, true, gpuFraction);
    }
  }

  private final ActorRef<WorkerEvent> gateway;
  private final Map<String, String> childNames = new HashMap<>();
  private final Map<String, Active> sweeps = new LinkedHashMap<>();
  private final Map<ActorRef<WorkerCommand>, WorkerInfo> known = new HashMap<>();
  private final Deque<ActorRef<WorkerCommand>> idle = new ArrayDeque<>();
  private final Map<ActorRef<WorkerCommand>, Busy> busy = new LinkedHashMap<>();
  private final Map<String, Long> lastServed = new HashMap<>();
  private long started;
  private long joined;
  private long starts;
  private long offers;

  public static Behavior<Command> create() {
    return Behaviors.setup(Sweeps::new);
  }

  private Sweeps(ActorContext<Command> context) {
    super(context);
    gateway = context.spawn(WorkerGateway.create(WorkerEvent.SERVICE_KEY, context.getSelf(), FromWorker::new), "workers");
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(Release.class, this::onRelease)
        .onMessage(Joined.class, this::onJoined)
        .onMessage(Demand.class, this::onDemand)
        .onMessage(Took.class, this::onTook)
        .onMessage(Declined.class, this::onDeclined)
        .onMessage(FromWorker.class, this::onWorkerEvent)
        .onMessage(WorkerLost.class, this::onWorkerLost)
        .onMessage(CoordinatorStopped.class, this::onCoordinatorStopped)
        .build();
  }

  private Behavior<Command> onStart(Start start) {
    // a number of its own: the name of an earlier run of the same sweep may not be free again yet
    String name = "sweep-" + (++started);
    childNames.put(start.sweepId(), name);
    getContext().spawn(start.actors().apply(getContext().getSelf()), name);
    return this;
  }

  private Behavior<Command> onRelease(Release release) {
    Optional.ofNullable(childNames.remove(release.sweepId())).flatMap(getContext()::getChild).ifPresent(getContext()::stop);
    return this;
  }

  private Behavior<Command> onJoined(Joined joined) {
    sweeps.put(joined.sweepId(), new Active(joined.coordinator(), this.joined++, joined.scheduling(), joined.resources(), 0));
    getContext().watchWith(joined.coordinator(), new CoordinatorStopped(joined.sweepId()));
    return this;
  }

  private Behavior<Command> onDemand(Demand demand) {
    Active sweep = sweeps.get(demand.sweepId());
    if (sweep != null) {
      sweeps.put(demand.sweepId(), sweep.withStartable(demand.startable()));
      schedule();
    }
    return this;
  }

  private Behavior<Command> onTook(Took took) {
    // a trial that ended already (its end travels another way) has left the worker free
    if (isOffer(busy.get(took.worker()), took.sweepId())) {
      busy.put(took.worker(), busy.get(took.worker()).started(took.trialId(), starts++));
    }
    schedule();
    return this;
  }

  private static boolean isOffer(Busy busy, String sweepId) {
    return busy != null && busy.trialId().isEmpty() && busy.sweepId().equals(sweepId);
  }

  private Behavior<Command> onDeclined(Declined declined) {
    if (isOffer(busy.get(declined.worker()), declined.sweepId())) {
      busy.remove(declined.worker());
      if (known.containsKey(declined.worker())) {
        idle.addFirst(declined.worker());
      }
    }
    // it had nothing to start after all; it says so when it has again
    Active sweep = sweeps.get(declined.sweepId());
    if (sweep != null) {
      sweeps.put(declined.sweepId(), sweep.withStartable(0));
    }
    schedule();
    return this;
  }

  private Behavior<Command> onWorkerEvent(FromWorker message) {
    WorkerEvent event = message.event();
    if (event instanceof WorkerEvent.Ready ready) {
      onReady(ready);
    } else if (event instanceof WorkerEvent.OfTrial ofTrial) {
      Active sweep = sweeps.get(ofTrial.sweepId());
      if (sweep != null) {
        sweep.coordinator().tell(new Coordinator.FromWorker(ofTrial));
      }
      if (event instanceof WorkerEvent.Ended ended) {
        Busy was = busy.get(ended.worker());
        boolean itsTrial = was != null && was.sweepId().equals(ended.sweepId()) && was.trialId().map(ended.trialId()::equals).orElse(true);
        if (itsTrial) {
          // idle once it asks for work, which it does next
          busy.remove(ended.worker());
        }
      }
    }
    return this;
  }

  private void onReady(WorkerEvent.Ready ready) {
    ActorRef<WorkerCommand> worker = ready.worker();
    if (known.put(worker, ready.info()) == null) {
      getContext().watchWith(worker, new WorkerLost(worker));
    }
    Busy was = busy.get(worker);
    if (was != null && was.trialId().isEmpty()) {
      return; // offered already; the sweep's answer decides
    }
    if (was != null) {
      // a worker tells a trial's end before it asks for more, so one that asks while it runs a
      // trial ended that trial and its report was lost on the way
      busy.remove(worker);
      Optional.ofNullable(sweeps.get(was.sweepId())).ifPresent(s -> s.coordinator().tell(new Coordinator.WorkerFreed(worker)));
    }
    if (!idle.contains(worker)) {
      idle.addLast(worker);
    }
    schedule();
  }

  private Behavior<Command> onWorkerLost(WorkerLost lost) {
    // the coordinator that ran a trial on it watches it too, and puts the trial back in its queue
    idle.remove(lost.worker());
    known.remove(lost.worker());
    busy.remove(lost.worker());
    schedule();
    return this;
  }

  private Behavior<Command> onCoordinatorStopped(CoordinatorStopped stopped) {
    sweeps.remove(stopped.sweepId());
    lastServed.remove(stopped.sweepId());
    busy.values().removeIf(b -> b.sweepId().equals(stopped.sweepId()) && b.trialId().isEmpty());
    schedule();
    return this;
  }

  /** Offers idle workers to the sweeps that want them; then, if sweeps still wait, preempts for them. */
  private void schedule() {
    for (ActorRef<WorkerCommand> worker : List.copyOf(idle)) {
      WorkerInfo info = known.get(worker);
      Optional<SweepShare> chosen = SweepScheduler.pick(info, shares(), gpuShares());
      if (chosen.isPresent()) {
        String sweepId = chosen.get().sweepId();
        idle.remove(worker);
        // an offer takes its fraction at once, so that no second offer overfills the GPU meanwhile
        busy.put(worker, new Busy(sweepId, Optional.empty(), 0, false, chosen.get().gpuFraction()));
        lastServed.put(sweepId, offers++);
        sweeps.get(sweepId).coordinator().tell(new Coordinator.Offer(worker, info, gateway));
      }
    }
    for (Preemption preemption : SweepScheduler.preemptions(shares(), busyWorkers(), gpuShares())) {
      busy.replaceAll((worker, b) -> known.get(worker).workerId().equals(preemption.workerId()) ? b.preempted() : b);
      getContext().getLog().info("trial {} of sweep {}: {}", preemption.trialId(), preemption.sweepId(), preemption.reason());
      sweeps.get(preemption.sweepId()).coordinator().tell(new Coordinator.Preempt(preemption.trialId(), preemption.reason()));
    }
  }

  private List<SweepShare> shares() {
    Map<String, Integer> running = new HashMap<>();
    busy.values().forEach(b -> running.merge(b.sweepId(), 1, Integer::sum));
    return sweeps.entrySet().stream()
        .map(
            e -> {
              Active a = e.getValue();
              return new SweepShare(
                  e.getKey(), a.order(), a.scheduling(), a.resources(), a.startable(), running.getOrDefault(e.getKey(), 0),
                  lastServed.getOrDefault(e.getKey(), -1L));
            })
        .toList();
  }

  /**
   * How much of each GPU the busy workers' trials and offers take. A preempted trial keeps its
   * fraction until it ends, and its GPU takes no new trial meanwhile, so that what it frees goes to
   * the sweep it was preempted for.
   */
  private GpuShares gpuShares() {
    GpuShares shares = GpuShares.NONE;
    for (Map.Entry<ActorRef<WorkerCommand>, Busy> e : busy.entrySet()) {
      WorkerInfo info = known.get(e.getKey());
      if (info != null) {
        shares = shares.plus(info, e.getValue().gpuFraction());
        shares = e.getValue().preempting() ? shares.preempting(info) : shares;
      }
    }
    return shares;
  }

  private List<BusyWorker> busyWorkers() {
    return busy.entrySet().stream()
        .filter(e -> e.getValue().trialId().isPresent() && known.containsKey(e.getKey()))
        .map(
            e -> {
              WorkerInfo info = known.get(e.getKey());
              Busy b = e.getValue();
              return new BusyWorker(info, b.sweepId(), b.trialId().get(), b.startOrder(), b.preempting());
            })
        .toList();
  }
}
