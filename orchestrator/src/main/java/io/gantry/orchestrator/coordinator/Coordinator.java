package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Decision;
import io.gantry.orchestrator.service.Sweeps;
import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.WorkerEvent;
import io.gantry.protocol.WorkerInfo;
import io.gantry.protocol.trial.TrialOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one sweep of its process's {@link Sweeps} service: when the service offers it an idle
 * worker it hands the worker a queued trial or, failing that, a new trial the search strategy
 * proposes, and declines the worker if it has neither; it tells the service how many trials it
 * could start whenever that changes, and ends a trial at its next checkpoint when the service
 * preempts it for a sweep of a higher priority. It records everything workers report in the store, asks the
 * trial scheduler at every report of the sweep's metric whether the trial goes on, tells the
 * strategy every finished trial, re-queues the trial of a worker that is lost, and stops itself
 * when the sweep is over. It writes to H2 on each event (metric reports a batch at a time, see
 * {@link PendingMetrics}), so it is spawned on the store dispatcher.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  /** Messages the coordinator understands. */
  public sealed interface Command {}

  /** A message from a worker about one of this sweep's trials, handed over by the service. */
  public record FromWorker(WorkerEvent.OfTrial event) implements Command {}

  /** The service offers an idle worker; trial reports go to {@code replyTo}. */
  public record Offer(ActorRef<WorkerCommand> worker, WorkerInfo info, ActorRef<WorkerEvent> replyTo) implements Command {}

  /** The worker asked the service for work while it ran a trial here: that trial's end was lost. */
  public record WorkerFreed(ActorRef<WorkerCommand> worker) implements Command {}

  /** End the running trial at its next checkpoint and queue it again, for {@code reason}. */
  public record Preempt(String trialId, String reason) implements Command {}

  /** Stop one trial: a running one is asked to stop, a queued one never starts. */
  public record StopTrial(String trialId) implements Command {}

  /** Cancel the sweep: queued trials never start, running ones are asked to stop. */
  public enum CancelSweep implements Command {
    INSTANCE
  }

  private record WorkerLost(ActorRef<WorkerCommand> worker) implements Command {}

  /** Time to write the reports taken in so far; see {@link PendingMetrics}. */
  private enum FlushMetrics implements Command {
    INSTANCE
  }

  /** Time to see whether {@code gantry extend} raised the number of trials in the store. */
  private enum CheckLimit implements Command {
    INSTANCE
  }

  private final RunStore store;
  private final SweepPlan plan;
  private final TrialSource source;
  private final ActorRef<SweepProgress> progressListener;
  private final ActorRef<Sweeps.Command> service;
  private final WorkerPool workers = new WorkerPool();
  /** Why each trial asked to end at its next checkpoint is to end there. */
  private final Map<String, String> preempting = new HashMap<>();
  private int toldStartable = -1;
  private final TrialFiles files;
  private final PendingMetrics pending;
  private SweepState state;

  public static Behavior<Command> create(
      RunStore store, SweepPlan plan, ActorRef<SweepProgress> progressListener, ActorRef<Sweeps.Command> service) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  Duration every = context.getSystem().settings().config().getDuration("gantry.coordinator.limit-poll-interval");
                  timers.startTimerWithFixedDelay(CheckLimit.INSTANCE, every);
                  return new Coordinator(context, store, plan, progressListener, service);
                }));
  }

  private Coordinator(
      ActorContext<Command> context,
      RunStore store,
      SweepPlan plan,
      ActorRef<SweepProgress> progressListener,
      ActorRef<Sweeps.Command> service) {
    super(context);
    this.service = service;
    this.store = store;
    this.plan = plan;
    this.source = new TrialSource(plan);
    this.progressListener = progressListener;
    // trials a stopped process left running go back to the queue, in the store as in the state
    store.trials(plan.sweepId()).stream()
        .filter(t -> t.status() == TrialStatus.RUNNING)
        .forEach(t -> store.trialRequeued(plan.sweepId(), t.trialId(), "the process that ran it stopped; it resumes from its checkpoint"));
    this.state = StoredSweep.read(store, plan);
    this.pending = new PendingMetrics(plan.sweepId());
    this.files = new TrialFiles(plan.artifactDir());
    // A sweep run again (extended, or after a restart) informs the strategy with what it learnt.
    state.trials().values().forEach(source::observe);
    service.tell(new Sweeps.Joined(plan.sweepId(), context.getSelf(), plan.scheduling(), plan.resources()));
    tellDemand();
    progressListener.tell(state.progress());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromWorker.class, message -> onWorkerEvent(message.event()))
        .onMessage(Offer.class, this::onOffer)
        .onMessage(WorkerFreed.class, this::onWorkerFreed)
        .onMessage(Preempt.class, this::onPreempt)
        .onMessage(WorkerLost.class, this::onWorkerLost)
        .onMessage(StopTrial.class, this::onStopTrial)
        .onMessageEquals(CancelSweep.INSTANCE, this::onCancel)
        .onMessageEquals(CheckLimit.INSTANCE, this::onCheckLimit)
        .onMessageEquals(FlushMetrics.INSTANCE, this::flushMetrics)
        .build();
  }

  private Behavior<Command> onWorkerEvent(WorkerEvent.OfTrial event) {
    if (event instanceof WorkerEvent.Progress progress) {
      onProgress(progress);
    } else if (event instanceof WorkerEvent.FileChunk chunk) {
      onFileChunk(chunk);
    } else if (event instanceof WorkerEvent.Artifact artifact) {
      onArtifact(artifact);
    } else if (event instanceof WorkerEvent.Ended ended) {
      onEnded(ended);
    }
    return afterChange();
  }

  private Behavior<Command> onOffer(Offer offer) {
    Optional<String> next = plan.resources().accepts(offer.info().device()) ? state.nextQueued().or(this::addTrial) : Optional.empty();
    if (next.isEmpty()) {
      service.tell(new Sweeps.Declined(plan.sweepId(), offer.worker()));
    } else {
      start(next.get(), offer);
      service.tell(new Sweeps.Took(plan.sweepId(), offer.worker(), next.get()));
    }
    return afterChange();
  }

  private Behavior<Command> onWorkerFreed(WorkerFreed freed) {
    workers
        .finishedUnheard(freed.worker())
        .ifPresent(a -> requeue(a, "the end of trial " + a.trialId() + " on worker " + a.info().workerId() + " never arrived"));
    return afterChange();
  }

  private Behavior<Command> onPreempt(Preempt preempt) {
    if (isRunning(preempt.trialId()) && preempting.putIfAbsent(preempt.trialId(), preempt.reason()) == null) {
      getContext().getLog().info("sweep {}: trial {} ends at its next checkpoint: {}", plan.sweepId(), preempt.trialId(), preempt.reason());
      workers.preempt(preempt.trialId());
    }
    return this;
  }

  /**
   * Hands the trial to the offered worker, with its newest checkpoint if it has one: a trial that
   * was interrupted goes on from there, on whichever node the worker runs.
   */
  private void start(String trialId, Offer offer) {
    ActorRef<WorkerCommand> worker = offer.worker();
    WorkerInfo info = offer.info();
    if (workers.assign(worker, info, trialId)) {
      getContext().watchWith(worker, new WorkerLost(worker));
    }
    Optional<WorkerCommand.ResumeFrom> resume = sendCheckpoint(trialId, worker);
    state = state.updated(new SweepEvent.TrialStarted(trialId, info.workerId()));
    TrialState trial = state.trials().get(trialId);
    flushMetrics();
    Optional<String> note = resume.map(r -> "resumed from its checkpoint at step " + r.step());
    store.trialStarted(plan.sweepId(), trialId, info.workerId(), info.device(), trial.attempt(), note, Instant.now());
    publish(new RunEvent.TrialStarted(plan.sweepId(), trialId, trial.params(), info.workerId(), info.device(), trial.attempt()));
    worker.tell(new WorkerCommand.AssignTrial(plan.trialSpec(trial), offer.replyTo(), resume));
  }

  /** Sends the trial's newest checkpoint to {@code worker}, if it has one; one that cannot be read means starting over. */
  private Optional<WorkerCommand.ResumeFrom> sendCheckpoint(String trialId, ActorRef<WorkerCommand> worker) {
    try {
      Optional<WorkerCommand.ResumeFrom> resume = files.sendCheckpoint(trialId, worker);
      resume.ifPresent(r -> getContext().getLog().info("sweep {}: trial {} resumes from its checkpoint at step {}", plan.sweepId(), trialId, r.step()));
      return resume;
    } catch (IOException e) {
      getContext().getLog().warn("sweep {}: trial {} starts over: its checkpoint cannot be read: {}", plan.sweepId(), trialId, e.getMessage());
      return Optional.empty();
    }
  }

  /** Asks the search strategy for a new trial, if the sweep wants one, and queues it. */
  private Optional<String> addTrial() {
    if (!state.wantsNewTrial()) {
      return Optional.empty();
    }
    Optional<TrialRecord> trial = source.next(state);
    if (trial.isEmpty()) {
      getContext().getLog().info("sweep {}: the search has no new configuration; the sweep ends with {} trials", plan.sweepId(), state.trials().size());
      state = state.updated(new SweepEvent.SearchExhausted());
      return Optional.empty();
    }
    TrialRecord added = trial.get();
    store.addTrial(added);
    state = state.updated(new SweepEvent.TrialAdded(added.trialId(), added.seq(), added.params(), added.seed()));
    publish(new RunEvent.TrialAdded(plan.sweepId(), added.trialId(), added.seq(), added.params(), added.seed()));
    return Optional.of(added.trialId());
  }

  private void onProgress(WorkerEvent.Progress reported) {
    String trialId = reported.trialId();
    if (!isRunning(trialId)) {
      return;
    }
    // a resumed trial reports again what it reported after its checkpoint: the same values
    Map<String, Double> fresh = state.trials().get(trialId).unrecorded(reported.step(), reported.metrics());
    if (fresh.isEmpty()) {
      return;
    }
    WorkerEvent.Progress progress =
        new WorkerEvent.Progress(plan.sweepId(), trialId, reported.step(), reported.epoch(), fresh, reported.timestampMillis());
    if (pending.isEmpty()) {
      getContext().getSelf().tell(FlushMetrics.INSTANCE);
    }
    pending.add(progress);
    state = state.updated(new SweepEvent.MetricsReported(trialId, progress.step(), progress.epoch(), progress.metrics()));
    TrialState trial = state.trials().get(trialId);
    if (state.reportsObjective(progress.metrics()) && trial.stop().isEmpty()) {
      Decision decision = plan.scheduler().onReport(trial.history(), state.histories());
      if (decision.stops()) {
        getContext().getLog().info("sweep {}: stopping trial {}: {}", plan.sweepId(), trialId, decision.reason());
        state = state.updated(new SweepEvent.StopDecided(trialId, decision));
        workers.stop(trialId);
      }
    }
  }

  private void onFileChunk(WorkerEvent.FileChunk chunk) {
    if (!isRunning(chunk.trialId())) {
      return;
    }
    try {
      files.chunk(chunk);
    } catch (IOException e) {
      getContext().getLog().warn("sweep {}: trial {}: cannot write {}: {}", plan.sweepId(), chunk.trialId(), chunk.path(), e.getMessage());
    }
  }

  private void onArtifact(WorkerEvent.Artifact artifact) {
    if (!isRunning(artifact.trialId())) {
      return;
    }
    Path file;
    try {
      file = files.complete(artifact);
    } catch (IOException e) {
      getContext().getLog().warn("sweep {}: trial {}: {} not kept: {}", plan.sweepId(), artifact.trialId(), artifact.path(), e.getMessage());
      return;
    }
    ArtifactRecord record = new ArtifactRecord(artifact.kind(), artifact.epoch(), artifact.step(), file.toString());
    store.addArtifact(plan.sweepId(), artifact.trialId(), record);
    publish(new RunEvent.ArtifactSaved(plan.sweepId(), artifact.trialId(), record));
  }

  private void onEnded(WorkerEvent.Ended ended) {
    if (workers.finished(ended.worker(), ended.trialId()).isEmpty()) {
      return;
    }
    TrialOutcome outcome = ended.outcome();
    String preemptedFor = preempting.remove(ended.trialId());
    if (outcome.kind() == TrialOutcome.Kind.PREEMPTED) {
      preempted(ended.trialId(), outcome.lastStep(), preemptedFor != null ? preemptedFor : outcome.reason());
    } else {
      endTrial(ended.trialId(), statusOf(outcome.kind()), outcome.lastStep(), outcome.reason());
    }
  }

  /** The trial ended at its checkpoint at {@code step} for a sweep of a higher priority; it resumes from there later. */
  private void preempted(String trialId, long step, String reason) {
    flushMetrics();
    getContext().getLog().info("sweep {}: trial {} was preempted at step {}; it goes back to the queue", plan.sweepId(), trialId, step);
    store.trialPreempted(plan.sweepId(), trialId, step, reason, Instant.now());
    publish(new RunEvent.TrialPreempted(plan.sweepId(), trialId, step, reason));
    state = state.updated(new SweepEvent.TrialRequeued(trialId));
  }

  private Behavior<Command> onWorkerLost(WorkerLost lost) {
    workers.lost(lost.worker()).ifPresent(a -> requeue(a, "worker " + a.info().workerId() + " was lost"));
    return afterChange();
  }

  /** Puts the trial back in the queue; the worker that gets it next resumes it from its checkpoint. */
  private void requeue(WorkerPool.Assignment assignment, String reason) {
    flushMetrics();
    String trialId = assignment.trialId();
    preempting.remove(trialId);
    abandonFiles(trialId);
    getContext().getLog().warn("sweep {}: {}; trial {} goes back to the queue", plan.sweepId(), reason, trialId);
    store.trialRequeued(plan.sweepId(), trialId, reason);
    publish(new RunEvent.TrialRequeued(plan.sweepId(), trialId, reason));
    state = state.updated(new SweepEvent.TrialRequeued(trialId));
  }

  private void abandonFiles(String trialId) {
    try {
      files.abandon(trialId);
    } catch (IOException e) {
      getContext().getLog().warn("sweep {}: trial {}: cannot remove a partly received file: {}", plan.sweepId(), trialId, e.getMessage());
    }
  }

  private Behavior<Command> onStopTrial(StopTrial stop) {
    TrialState trial = state.trials().get(stop.trialId());
    if (trial != null && trial.status() == TrialStatus.QUEUED) {
      endTrial(stop.trialId(), TrialStatus.STOPPED, 0, "stopped before it started");
    } else {
      workers.stop(stop.trialId());
    }
    return afterChange();
  }

  private Behavior<Command> onCancel() {
    state.trials().values().stream()
        .filter(t -> t.status() == TrialStatus.QUEUED)
        .map(TrialState::trialId)
        .toList()
        .forEach(trialId -> endTrial(trialId, TrialStatus.STOPPED, 0, "sweep cancelled"));
    state = state.updated(new SweepEvent.Cancelled());
    workers.stopAll();
    return afterChange();
  }

  private Behavior<Command> onCheckLimit() {
    raiseLimitIfExtended();
    return afterChange();
  }

  private void raiseLimitIfExtended() {
    int limit = store.trialLimit(plan.sweepId()).orElse(state.maxTrials());
    if (limit > state.maxTrials()) {
      getContext().getLog().info("sweep {} was extended to {} trials", plan.sweepId(), limit);
      state = state.updated(new SweepEvent.LimitRaised(limit));
    }
  }

  private Behavior<Command> afterChange() {
    if (state.isFinished()) {
      // the last look before the end, so that an extension made a moment ago is not lost
      raiseLimitIfExtended();
    }
    SweepProgress progress = state.progress();
    if (!progress.sweepFinished()) {
      tellDemand();
      progressListener.tell(progress);
      return this;
    }
    SweepStatus status = state.cancelled() ? SweepStatus.CANCELLED : SweepStatus.FINISHED;
    store.sweepEnded(plan.sweepId(), status, Instant.now());
    publish(new RunEvent.SweepEnded(plan.sweepId(), status));
    // told last, so that whoever sees the sweep finished finds it so in the store
    progressListener.tell(progress);
    return Behaviors.stopped();
  }

  private void endTrial(String trialId, TrialStatus status, long lastStep, String message) {
    flushMetrics();
    Optional<Decision> stoppedBy = status == TrialStatus.STOPPED ? state.trials().get(trialId).stop() : Optional.empty();
    String reason = stoppedBy.map(Decision::reason).orElse(message);
    if (stoppedBy.isPresent()) {
      store.trialStopped(plan.sweepId(), trialId, lastStep, stoppedBy.get().rung(), reason, Instant.now());
    } else {
      store.trialEnded(plan.sweepId(), trialId, status, lastStep, message, Instant.now());
    }
    state = state.updated(new SweepEvent.TrialEnded(trialId, status, lastStep));
    source.observe(state.trials().get(trialId));
    publish(new RunEvent.TrialEnded(plan.sweepId(), trialId, status, lastStep, reason));
  }

  /** Writes the reports taken in so far; before any other write, so the store keeps their order. */
  private Behavior<Command> flushMetrics() {
    pending.flush(store, this::publish);
    return this;
  }

  /** Tells the service how many trials the sweep could start, when that changed. */
  private void tellDemand() {
    int startable = state.startable();
    if (startable != toldStartable) {
      toldStartable = startable;
      service.tell(new Sweeps.Demand(plan.sweepId(), startable));
    }
  }

  private void publish(RunEvent event) {
    getContext().getSystem().eventStream().tell(new EventStream.Publish<>(event));
  }

  private boolean isRunning(String trialId) {
    TrialState trial = state.trials().get(trialId);
    return trial != null && trial.status() == TrialStatus.RUNNING;
  }

  private static TrialStatus statusOf(TrialOutcome.Kind kind) {
    return switch (kind) {
      case COMPLETED -> TrialStatus.COMPLETED;
      case DIVERGED -> TrialStatus.DIVERGED;
      case STOPPED -> TrialStatus.STOPPED;
      case PREEMPTED -> throw new IllegalArgumentException("a preempted trial goes back to the queue; it has not ended");
      case FAILED -> TrialStatus.FAILED;
    };
  }
}
