package io.gantry.orchestrator.cluster;

import io.gantry.orchestrator.coordinator.SweepEvent;
import io.gantry.orchestrator.coordinator.WorkerGateway;
import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerEvent;
import io.gantry.protocol.WorkerInfo;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Every worker of the cluster, whether a sweep runs or not: workers introduce themselves when they
 * join, leave when their node is lost, and are busy from the moment a coordinator starts a trial on
 * them until it ends or goes back to the queue. It keeps {@link ClusterView} up to date.
 */
public final class WorkerDirectory extends AbstractBehavior<WorkerDirectory.Command> {

  /** Where others of this process find the directory, through the Receptionist. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "gantry-worker-directory");

  /** Messages the directory understands. */
  public sealed interface Command {}

  /** Which worker should do a short job (draw images): an idle one if there is one, else any. */
  public record FindWorker(ActorRef<WorkerFound> replyTo) implements Command {}

  /** The answer to {@link FindWorker}: empty when no worker has joined. */
  public record WorkerFound(Optional<ActorRef<WorkerCommand>> worker) {}

  private record FromWorker(WorkerEvent event) implements Command {}

  private record Recorded(SweepEvent event) implements Command {}

  private record WorkerLost(ActorRef<WorkerCommand> worker) implements Command {}

  private final ClusterView view;
  /** A trial on a worker, named {@code sweepId/trialId}, and how much of the worker's GPU it takes. */
  private record Running(String trial, double gpuFraction) {}

  private final Map<ActorRef<WorkerCommand>, WorkerInfo> workers = new LinkedHashMap<>();
  /** By worker id. */
  private final Map<String, Running> trials = new HashMap<>();

  public static Behavior<Command> create(ClusterView view) {
    return Behaviors.setup(context -> new WorkerDirectory(context, view));
  }

  private WorkerDirectory(ActorContext<Command> context, ClusterView view) {
    super(context);
    this.view = view;
    context.spawn(WorkerGateway.create(WorkerEvent.DIRECTORY_KEY, context.getSelf(), FromWorker::new), "introductions");
    ActorRef<SweepEvent> events = context.messageAdapter(SweepEvent.class, Recorded::new);
    context.getSystem().eventStream().tell(new EventStream.Subscribe<>(SweepEvent.class, events));
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromWorker.class, this::onWorkerEvent)
        .onMessage(Recorded.class, this::onRecorded)
        .onMessage(WorkerLost.class, this::onLost)
        .onMessage(FindWorker.class, this::onFind)
        .build();
  }

  private Behavior<Command> onWorkerEvent(FromWorker message) {
    if (message.event() instanceof WorkerEvent.Hello hello && !workers.containsKey(hello.worker())) {
      workers.put(hello.worker(), hello.info());
      getContext().watchWith(hello.worker(), new WorkerLost(hello.worker()));
      publish();
    }
    return this;
  }

  private Behavior<Command> onRecorded(Recorded message) {
    SweepEvent event = message.event();
    if (event instanceof SweepEvent.TrialStarted started) {
      trials.put(started.workerId(), new Running(trialKey(started.sweepId(), started.trialId()), started.gpuFraction()));
    } else if (event instanceof SweepEvent.TrialEnded ended) {
      forget(trialKey(ended.sweepId(), ended.trialId()));
    } else if (event instanceof SweepEvent.TrialRequeued requeued) {
      forget(trialKey(requeued.sweepId(), requeued.trialId()));
    } else if (event instanceof SweepEvent.TrialPreempted preempted) {
      forget(trialKey(preempted.sweepId(), preempted.trialId()));
    } else if (event instanceof SweepEvent.SweepEnded ended) {
      trials.values().removeIf(running -> running.trial().startsWith(trialKey(ended.sweepId(), "")));
    } else {
      return this;
    }
    publish();
    return this;
  }

  private void forget(String trial) {
    trials.values().removeIf(running -> running.trial().equals(trial));
  }

  private Behavior<Command> onLost(WorkerLost lost) {
    WorkerInfo info = workers.remove(lost.worker());
    if (info != null) {
      trials.remove(info.workerId());
      publish();
    }
    return this;
  }

  private Behavior<Command> onFind(FindWorker find) {
    Optional<ActorRef<WorkerCommand>> idle =
        workers.entrySet().stream().filter(e -> !trials.containsKey(e.getValue().workerId())).map(Map.Entry::getKey).findFirst();
    find.replyTo().tell(new WorkerFound(idle.or(() -> workers.keySet().stream().findFirst())));
    return this;
  }

  /** How a trial is named across sweeps, in the view and in {@code gantry status}: {@code sweepId/trialId}. */
  private static String trialKey(String sweepId, String trialId) {
    return sweepId + "/" + trialId;
  }

  private void publish() {
    view.workers(
        workers.entrySet().stream()
            .map(
                e -> {
                  WorkerInfo info = e.getValue();
                  Optional<Running> running = Optional.ofNullable(trials.get(info.workerId()));
                  return new ClusterView.WorkerStatus(
                      info.workerId(), info.host(), info.device(), info.threads(), info.memoryBytes(), Optional.ofNullable(info.gpu()),
                      e.getKey().path().address().toString(), running.map(Running::trial),
                      running.map(Running::gpuFraction).orElse(0.0));
                })
            .sorted(Comparator.comparing(ClusterView.WorkerStatus::workerId))
            .toList());
  }
}
