package io.gantry.worker;

import io.gantry.protocol.DrawReply;
import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerEvent;
import io.gantry.protocol.WorkerInfo;
import io.gantry.protocol.transfer.FileManifest;
import io.gantry.protocol.transfer.Folders;
import io.gantry.protocol.transfer.IncomingFile;
import io.gantry.protocol.transfer.OutgoingFile;
import io.gantry.protocol.trial.CheckpointFolders;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.CheckpointDraws;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker per device. It finds the coordinator through the Receptionist, asks it for work
 * when idle, and runs one trial at a time on a thread of its own, never on the actor's thread.
 * A trial writes into the worker's own folder; every picture and checkpoint it writes is sent to
 * the coordinator, and a trial handed over with a checkpoint (sent just before) resumes from it.
 * Asked to, it also draws images from a checkpoint sent to it, for people to judge, on the same
 * thread, so between trials.
 */
public final class Worker extends AbstractBehavior<WorkerCommand> {

  // The trial thread must not touch the ActorContext, so it logs through its own logger.
  private static final Logger TRIAL_LOG = LoggerFactory.getLogger(Worker.class);

  private record Listing(Receptionist.Listing listing) implements WorkerCommand {}

  private record TrialDone(String sweepId, String trialId, ActorRef<WorkerEvent> coordinator, TrialOutcome outcome)
      implements WorkerCommand {}

  private record DrawDone(String drawId, ActorRef<DrawReply> replyTo, DrawReply reply) implements WorkerCommand {}

  private record Running(String trialId, TrialStops stops) {}

  private record Arriving(String trialId, IncomingFile file) {}

  private final WorkerInfo info;
  private final TrialRunner runner;
  private final Path trialFolder;
  private final ArrivingDraws draws;
  // Training blocks its thread for minutes, so it never runs on a dispatcher; and every trial of
  // a worker runs on this one thread, since libtorch's numbers differ in the last bits between the
  // thread that first used it and any other, and a trial resumed elsewhere must make the numbers it
  // would have made.
  private final ExecutorService trialThread;
  private Optional<ActorRef<WorkerEvent>> coordinator = Optional.empty();
  private Optional<ActorRef<WorkerEvent>> directory = Optional.empty();
  private Optional<Running> running = Optional.empty();
  private Optional<Arriving> arriving = Optional.empty();

  /** A worker whose trials write under {@code scratch}, a folder of its own. */
  public static Behavior<WorkerCommand> create(WorkerInfo info, TrialRunner runner, Path scratch) {
    return Behaviors.setup(context -> new Worker(context, info, runner, scratch));
  }

  private Worker(ActorContext<WorkerCommand> context, WorkerInfo info, TrialRunner runner, Path scratch) {
    super(context);
    this.info = info;
    this.runner = runner;
    this.trialFolder = scratch.resolve("trial");
    this.draws = new ArrivingDraws(scratch.resolve("draws"));
    this.trialThread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "gantry-trial-" + info.workerId());
              thread.setDaemon(true);
              return thread;
            });
    // one adapter for both keys: a later adapter for the same message class replaces an earlier one
    ActorRef<Receptionist.Listing> adapter = context.messageAdapter(Receptionist.Listing.class, Listing::new);
    for (ServiceKey<WorkerEvent> key : List.of(WorkerEvent.SERVICE_KEY, WorkerEvent.DIRECTORY_KEY)) {
      context.getSystem().receptionist().tell(Receptionist.subscribe(key, adapter));
    }
  }

  @Override
  public Receive<WorkerCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Listing.class, this::onListing)
        .onMessage(WorkerCommand.CheckpointChunk.class, this::onCheckpointChunk)
        .onMessage(WorkerCommand.AssignTrial.class, this::onAssign)
        .onMessage(WorkerCommand.StopTrial.class, this::onStop)
        .onMessage(WorkerCommand.PreemptTrial.class, this::onPreempt)
        .onMessage(TrialDone.class, this::onTrialDone)
        .onMessage(WorkerCommand.DrawChunk.class, this::onDrawChunk)
        .onMessage(WorkerCommand.DrawImages.class, this::onDrawImages)
        .onMessage(DrawDone.class, this::onDrawDone)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<WorkerCommand> onListing(Listing message) {
    Receptionist.Listing listing = message.listing();
    if (listing.isForKey(WorkerEvent.DIRECTORY_KEY)) {
      Optional<ActorRef<WorkerEvent>> found = listing.getServiceInstances(WorkerEvent.DIRECTORY_KEY).stream().findFirst();
      if (found.isPresent() && !found.equals(directory)) {
        found.get().tell(new WorkerEvent.Hello(getContext().getSelf(), info));
      }
      directory = found;
      return this;
    }
    Optional<ActorRef<WorkerEvent>> found = listing.getServiceInstances(WorkerEvent.SERVICE_KEY).stream().findFirst();
    boolean isNew = found.isPresent() && !found.equals(coordinator);
    coordinator = found;
    if (isNew && running.isEmpty()) {
      askForWork();
    }
    return this;
  }

  private Behavior<WorkerCommand> onCheckpointChunk(WorkerCommand.CheckpointChunk chunk) throws IOException {
    if (running.isPresent()) {
      return this;
    }
    if (arriving.isEmpty() || !arriving.get().trialId().equals(chunk.trialId())) {
      Folders.deleteTree(trialFolder);
      Path target = CheckpointFolders.named(trialFolder, chunk.checkpoint());
      arriving = Optional.of(new Arriving(chunk.trialId(), IncomingFile.at(target)));
    }
    arriving.get().file().append(chunk.offset(), chunk.bytes());
    return this;
  }

  private Behavior<WorkerCommand> onAssign(WorkerCommand.AssignTrial message) throws IOException {
    TrialSpec spec = message.spec().withArtifactDir(trialFolder.toString());
    if (running.isPresent()) {
      getContext().getLog().warn("ignoring trial {}: already running {}", spec.trialId(), running.get().trialId());
      return this;
    }
    Optional<Path> checkpoint = receivedCheckpoint(spec.trialId(), message.resume());
    if (checkpoint.isEmpty()) {
      Folders.deleteTree(trialFolder);
    }
    TrialStops stops = new TrialStops();
    running = Optional.of(new Running(spec.trialId(), stops));
    ActorRef<WorkerEvent> replyTo = message.replyTo();
    TrialListener listener =
        new ReportingListener(spec.sweepId(), spec.trialId(), trialFolder, replyTo, stops, SystemSampler.forDevice(info.device()));
    CompletableFuture<TrialOutcome> outcome =
        CompletableFuture.supplyAsync(() -> stops.told(runQuietly(spec, checkpoint, listener, stops)), trialThread);
    getContext()
        .pipeToSelf(
            outcome,
            (result, failure) ->
                new TrialDone(
                    spec.sweepId(),
                    spec.trialId(),
                    replyTo,
                    failure == null ? result : TrialOutcome.failed(0, describe(failure))));
    return this;
  }

  /**
   * The checkpoint to resume from, if one was sent and arrived whole. One that did not is
   * logged and the trial starts over: with its seed it makes the same reports again, which the
   * coordinator already has.
   */
  private Optional<Path> receivedCheckpoint(String trialId, Optional<WorkerCommand.ResumeFrom> resume) throws IOException {
    Optional<Arriving> sent = arriving.filter(a -> a.trialId().equals(trialId));
    arriving = Optional.empty();
    if (resume.isEmpty()) {
      return Optional.empty();
    }
    if (sent.isEmpty()) {
      getContext().getLog().warn("trial {} was to resume from step {}, but no checkpoint arrived; it starts over", trialId, resume.get().step());
      return Optional.empty();
    }
    try {
      return Optional.of(sent.get().file().complete(resume.get().manifest()));
    } catch (IOException e) {
      getContext().getLog().warn("trial {} starts over: {}", trialId, e.getMessage());
      return Optional.empty();
    }
  }

  private TrialOutcome runQuietly(
      TrialSpec spec, Optional<Path> checkpoint, TrialListener listener, TrialStops stops) {
    try {
      return checkpoint.isPresent()
          ? runner.resume(spec, checkpoint.get(), listener, stops::stopNow)
          : runner.run(spec, listener, stops::stopNow);
    } catch (Exception | LinkageError e) {
      TRIAL_LOG.error("trial {} failed", spec.trialId(), e);
      return TrialOutcome.failed(0, describe(e));
    }
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private Behavior<WorkerCommand> onStop(WorkerCommand.StopTrial message) {
    running
        .filter(r -> r.trialId().equals(message.trialId()))
        .ifPresent(r -> r.stops().stop());
    return this;
  }

  private Behavior<WorkerCommand> onPreempt(WorkerCommand.PreemptTrial message) {
    running
        .filter(r -> r.trialId().equals(message.trialId()))
        .ifPresent(r -> r.stops().preempt());
    return this;
  }

  private Behavior<WorkerCommand> onTrialDone(TrialDone message) throws IOException {
    running = Optional.empty();
    // everything the trial wrote was sent as it was written
    Folders.deleteTree(trialFolder);
    message.coordinator().tell(new WorkerEvent.Ended(message.sweepId(), message.trialId(), getContext().getSelf(), message.outcome()));
    askForWork();
    return this;
  }

  private Behavior<WorkerCommand> onDrawChunk(WorkerCommand.DrawChunk chunk) throws IOException {
    draws.append(chunk.drawId(), chunk.offset(), chunk.bytes());
    return this;
  }

  /**
   * Draws on the trial thread, after the running trial if there is one: the engine's generator is
   * global, so a draw beside a training trial would change the trial's numbers.
   */
  private Behavior<WorkerCommand> onDrawImages(WorkerCommand.DrawImages message) {
    Path checkpoint;
    try {
      checkpoint = draws.complete(message.drawId(), message.checkpoint());
    } catch (IOException e) {
      getContext().getSelf().tell(new DrawDone(message.drawId(), message.replyTo(), new DrawReply.Refused(message.drawId(), e.getMessage())));
      return this;
    }
    CompletableFuture<DrawReply> reply =
        CompletableFuture.supplyAsync(() -> drawQuietly(message, checkpoint), trialThread);
    getContext()
        .pipeToSelf(
            reply,
            (result, failure) ->
                new DrawDone(
                    message.drawId(), message.replyTo(), failure == null ? result : new DrawReply.Refused(message.drawId(), describe(failure))));
    return this;
  }

  private DrawReply drawQuietly(WorkerCommand.DrawImages message, Path checkpoint) {
    try {
      CheckpointDraws.Images images =
          CheckpointDraws.draw(message.model(), message.params(), message.dataset(), checkpoint, message.count(), message.seed());
      return new DrawReply.Drawn(message.drawId(), images.width(), images.height(), images.generated(), images.real());
    } catch (IllegalArgumentException e) {
      return new DrawReply.Refused(message.drawId(), e.getMessage());
    } catch (Exception | LinkageError e) {
      TRIAL_LOG.error("draw {} failed", message.drawId(), e);
      return new DrawReply.Refused(message.drawId(), describe(e));
    }
  }

  private Behavior<WorkerCommand> onDrawDone(DrawDone message) throws IOException {
    draws.done(message.drawId());
    message.replyTo().tell(message.reply());
    return this;
  }

  private Behavior<WorkerCommand> onPostStop() {
    // a running trial sees its stop request at its next step and the thread ends with it
    running.ifPresent(r -> r.stops().stop());
    trialThread.shutdown();
    return this;
  }

  private void askForWork() {
    coordinator.ifPresent(c -> c.tell(new WorkerEvent.Ready(getContext().getSelf(), info)));
  }

  /**
   * Sends what the training loop reports straight to the coordinator (telling is thread-safe),
   * with the machine's and device's {@code system/...} metrics when a sample is due, files
   * included, on the trial's thread: the trial goes on once its files are on their way.
   */
  private record ReportingListener(
      String sweepId, String trialId, Path trialFolder, ActorRef<WorkerEvent> coordinator, TrialStops stops, SystemSampler system)
      implements TrialListener {
    @Override
    public void onMetrics(long step, int epoch, Map<String, Double> metrics) {
      Map<String, Double> reported = Map.copyOf(system.withSampleIfDue(metrics));
      coordinator.tell(new WorkerEvent.Progress(sweepId, trialId, step, epoch, reported, System.currentTimeMillis()));
    }

    @Override
    public void onArtifact(String kind, int epoch, long step, Path path) {
      String relative = trialFolder.toAbsolutePath().relativize(path.toAbsolutePath()).toString().replace('\\', '/');
      try {
        FileManifest manifest =
            OutgoingFile.send(path, (offset, bytes) -> coordinator.tell(new WorkerEvent.FileChunk(sweepId, trialId, relative, offset, bytes)));
        coordinator.tell(new WorkerEvent.Artifact(sweepId, trialId, kind, epoch, step, relative, manifest));
        if (kind.equals(CheckpointFolders.KIND)) {
          stops.checkpointSent();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot send " + path + " to the coordinator", e);
      }
    }
  }
}
