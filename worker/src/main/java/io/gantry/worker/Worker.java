package io.gantry.worker;

import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialOutcome;
import io.gantry.worker.trial.TrialRunner;
import io.gantry.worker.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker per device. It finds the coordinator through the Receptionist, asks it for work
 * when idle, and runs one trial at a time on the trial dispatcher, never on the actor's thread.
 */
public final class Worker extends AbstractBehavior<Worker.Command> {

  // The trial thread must not touch the ActorContext, so it logs through its own logger.
  private static final Logger TRIAL_LOG = LoggerFactory.getLogger(Worker.class);

  /** Messages a worker understands. */
  public sealed interface Command {}

  /** The coordinator's answer to {@link WorkerEvent.Ready}: run this trial, report to replyTo. */
  public record AssignTrial(TrialSpec spec, ActorRef<WorkerEvent> replyTo)
      implements Command, CborSerializable {}

  /** Stop the running trial if it is this one; it ends as stopped. */
  public record StopTrial(String trialId) implements Command, CborSerializable {}

  private record CoordinatorListing(Receptionist.Listing listing) implements Command {}

  private record TrialDone(String trialId, ActorRef<WorkerEvent> coordinator, TrialOutcome outcome)
      implements Command {}

  private record Running(String trialId, AtomicBoolean stopRequested) {}

  private final WorkerInfo info;
  private final TrialRunner runner;
  private final Executor trialExecutor;
  private Optional<ActorRef<WorkerEvent>> coordinator = Optional.empty();
  private Optional<Running> running = Optional.empty();

  public static Behavior<Command> create(WorkerInfo info, TrialRunner runner) {
    return Behaviors.setup(context -> new Worker(context, info, runner));
  }

  private Worker(ActorContext<Command> context, WorkerInfo info, TrialRunner runner) {
    super(context);
    this.info = info;
    this.runner = runner;
    this.trialExecutor =
        context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("gantry.trial-dispatcher"));
    ActorRef<Receptionist.Listing> listingAdapter =
        context.messageAdapter(Receptionist.Listing.class, CoordinatorListing::new);
    context
        .getSystem()
        .receptionist()
        .tell(Receptionist.subscribe(WorkerEvent.SERVICE_KEY, listingAdapter));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CoordinatorListing.class, this::onListing)
        .onMessage(AssignTrial.class, this::onAssign)
        .onMessage(StopTrial.class, this::onStop)
        .onMessage(TrialDone.class, this::onTrialDone)
        .build();
  }

  private Behavior<Command> onListing(CoordinatorListing message) {
    Optional<ActorRef<WorkerEvent>> found =
        message.listing().getServiceInstances(WorkerEvent.SERVICE_KEY).stream().findFirst();
    boolean isNew = found.isPresent() && !found.equals(coordinator);
    coordinator = found;
    if (isNew && running.isEmpty()) {
      askForWork();
    }
    return this;
  }

  private Behavior<Command> onAssign(AssignTrial message) {
    TrialSpec spec = message.spec();
    if (running.isPresent()) {
      getContext().getLog().warn("ignoring trial {}: already running {}", spec.trialId(), running.get().trialId());
      return this;
    }
    AtomicBoolean stopRequested = new AtomicBoolean();
    running = Optional.of(new Running(spec.trialId(), stopRequested));
    ActorRef<WorkerEvent> replyTo = message.replyTo();
    TrialListener listener = new ReportingListener(spec.trialId(), replyTo);
    CompletableFuture<TrialOutcome> outcome =
        CompletableFuture.supplyAsync(() -> runQuietly(spec, listener, stopRequested), trialExecutor);
    getContext()
        .pipeToSelf(
            outcome,
            (result, failure) ->
                new TrialDone(
                    spec.trialId(),
                    replyTo,
                    failure == null ? result : TrialOutcome.failed(0, describe(failure))));
    return this;
  }

  private TrialOutcome runQuietly(TrialSpec spec, TrialListener listener, AtomicBoolean stopRequested) {
    try {
      return runner.run(spec, listener, stopRequested::get);
    } catch (Exception | LinkageError e) {
      TRIAL_LOG.error("trial {} failed", spec.trialId(), e);
      return TrialOutcome.failed(0, describe(e));
    }
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private Behavior<Command> onStop(StopTrial message) {
    running
        .filter(r -> r.trialId().equals(message.trialId()))
        .ifPresent(r -> r.stopRequested().set(true));
    return this;
  }

  private Behavior<Command> onTrialDone(TrialDone message) {
    running = Optional.empty();
    message.coordinator().tell(new WorkerEvent.Ended(message.trialId(), getContext().getSelf(), message.outcome()));
    askForWork();
    return this;
  }

  private void askForWork() {
    coordinator.ifPresent(c -> c.tell(new WorkerEvent.Ready(getContext().getSelf(), info)));
  }

  /** Sends what the training loop reports straight to the coordinator; telling is thread-safe. */
  private record ReportingListener(String trialId, ActorRef<WorkerEvent> coordinator) implements TrialListener {
    @Override
    public void onMetrics(long step, int epoch, Map<String, Double> metrics) {
      coordinator.tell(new WorkerEvent.Progress(trialId, step, epoch, Map.copyOf(metrics), System.currentTimeMillis()));
    }

    @Override
    public void onArtifact(String kind, int epoch, long step, Path path) {
      coordinator.tell(new WorkerEvent.Artifact(trialId, kind, epoch, step, path.toAbsolutePath().toString()));
    }
  }
}
