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
import java.util.OptionalLong;
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
 * when the sweep is over. Everything it learns is a {@link SweepEvent} recorded by its {@link
 * SweepJournal}, which writes to H2 on each event (metric reports a batch at a time, see {@link
 * PendingMetrics}), so it is spawned on the store dispatcher.
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
  private final PendingMetrics pending = new PendingMetrics();
  private final SweepJournal journal;
  private final Optional<PopulationTraining> population;
  private final Optional<ReplayTraining> replay;

  /** The coordinator of {@code plan}'s sweep; {@code outbox} says what its events send beyond the store. */
  public static Behavior<Command> create(
      RunStore store, SweepPlan plan, EventOutbox outbox, ActorRef<SweepProgress> progressListener,
      ActorRef<Sweeps.Command> service) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  Duration every = context.getSystem().settings().config().getDuration("gantry.coordinator.limit-poll-interval");
                  timers.startTimerWithFixedDelay(CheckLimit.INSTANCE, every);
                  return new Coordinator(context, store, plan, outbox, progressListener, service);
                }));
  }

  private Coordinator(
      ActorContext<Command> context,
      RunStore store,
      SweepPlan plan,
      EventOutbox outbox,
      ActorRef<SweepProgress> progressListener,
      ActorRef<Sweeps.Command> service) {
    super(context);
    this.service = service;
    this.store = store;
    this.plan = plan;
    this.source =
        new TrialSource(
            plan,
            store.sweep(plan.sweepId()).orElseThrow().objectives(),
            trialId -> store.latestMetrics(plan.sweepId(), trialId));
    this.progressListener = progressListener;
    StoredSweep stored = StoredSweep.read(store, plan);
    this.journal = new SweepJournal(store, outbox, this::publish, stored.state());
    stored.leftRunning()
        .forEach(trialId ->
            journal.record(
                new SweepEvent.TrialRequeued(plan.sweepId(), trialId, "the process that ran it stopped; it resumes from its checkpoint")));
    this.files = new TrialFiles(plan.artifactDir());
    this.population =
        plan.population()
            .map(p -> new PopulationTraining(plan.sweepId(), p, journal, files, store.lineage(plan.sweepId()).size(), context.getLog()));
    this.replay = plan.replay().map(r -> new ReplayTraining(plan.sweepId(), r, journal, store.lineage(plan.sweepId()).size()));
    // A sweep run again (extended, or after a restart) informs the strategy with what it learnt.
    journal.state().trials().values().forEach(source::observe);
    service.tell(new Sweeps.Joined(plan.sweepId(), context.getSelf(), plan.scheduling(), plan.resources()));
    tellDemand();
    progressListener.tell(journal.state().progress());
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
        .onMessageEquals(FlushMetrics.INSTANCE, () -> {
          flushMetrics();
          return afterChange();
        })
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
    Optional<String> next =
        plan.resources().accepts(offer.info()) ? journal.state().nextQueued().or(this::addTrial) : Optional.empty();
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
    flushMetrics();
    TrialState queued = journal.state().trials().get(trialId);
    Optional<String> note = resume.map(r -> "resumed from its checkpoint at step " + r.step());
    journal.record(
        new SweepEvent.TrialStarted(
            plan.sweepId(), trialId, queued.params(), info.workerId(), info.device(), plan.resources().gpuFraction(),
            queued.attempt() + 1, note, Instant.now()));
    if (queued.attempt() == 0) {
      population.flatMap(p -> p.firstStarted(trialId, queued.params())).ifPresent(journal::record);
      replay.flatMap(r -> r.firstStarted(trialId, queued.params())).ifPresent(journal::record);
    }
    worker.tell(new WorkerCommand.AssignTrial(plan.trialSpec(journal.state().trials().get(trialId)), offer.replyTo(), resume));
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
    if (!journal.state().wantsNewTrial()) {
      return Optional.empty();
    }
    Optional<TrialRecord> trial = source.next(journal.state());
    if (trial.isEmpty()) {
      getContext().getLog().info(
          "sweep {}: the search has no new configuration; the sweep ends with {} trials", plan.sweepId(), journal.state().trials().size());
      journal.record(new SweepEvent.SearchExhausted(plan.sweepId()));
      return Optional.empty();
    }
    TrialRecord added = trial.get();
    journal.record(new SweepEvent.TrialAdded(plan.sweepId(), added.trialId(), added.seq(), added.params(), added.seed()));
    return Optional.of(added.trialId());
  }

  private void onProgress(WorkerEvent.Progress reported) {
    String trialId = reported.trialId();
    if (!isRunning(trialId)) {
      return;
    }
    // a resumed trial reports again what it reported after its checkpoint: the same values
    // (reports still pending are of later steps: a trial's reports come in order, and a requeue
    // records what is pending before the trial can start again)
    Map<String, Double> fresh = journal.state().trials().get(trialId).unrecorded(reported.step(), reported.metrics());
    if (fresh.isEmpty()) {
      return;
    }
    if (pending.isEmpty()) {
      getContext().getSelf().tell(FlushMetrics.INSTANCE);
    }
    pending.add(
        new SweepEvent.MetricsReported(plan.sweepId(), trialId, reported.step(), reported.epoch(), fresh, reported.timestampMillis()));
  }

  /** Asks the trial scheduler whether the trial of this report, now recorded, goes on. */
  private void judge(SweepEvent recorded) {
    if (!(recorded instanceof SweepEvent.MetricsReported report) || !journal.state().reportsObjective(report.metrics())) {
      return;
    }
    TrialState trial = journal.state().trials().get(report.trialId());
    if (trial.status() != TrialStatus.RUNNING || trial.stop().isPresent()) {
      return;
    }
    Decision decision = plan.scheduler().onReport(trial.history(), journal.state().histories());
    if (decision.stops()) {
      getContext().getLog().info("sweep {}: stopping trial {}: {}", plan.sweepId(), trial.trialId(), decision.reason());
      journal.record(new SweepEvent.StopDecided(plan.sweepId(), trial.trialId(), decision));
      workers.stop(trial.trialId());
    } else if (population.isPresent() && population.get().copies(trial, report.step())) {
      workers.stop(trial.trialId());
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
    flushMetrics();
    journal.record(new SweepEvent.ArtifactSaved(plan.sweepId(), artifact.trialId(), record));
  }

  private void onEnded(WorkerEvent.Ended ended) {
    if (workers.finished(ended.worker(), ended.trialId()).isEmpty()) {
      return;
    }
    TrialOutcome outcome = ended.outcome();
    String preemptedFor = preempting.remove(ended.trialId());
    flushMetrics();
    if (outcome.kind() == TrialOutcome.Kind.COMPLETED && replay.isPresent() && replay.get().completed(ended.trialId(), outcome.lastStep())) {
      return;
    }
    if (population.isPresent()) {
      if (outcome.kind() == TrialOutcome.Kind.STOPPED && population.get().stopped(ended.trialId())) {
        return;
      }
      population.get().forget(ended.trialId());
    }
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
    journal.record(new SweepEvent.TrialPreempted(plan.sweepId(), trialId, step, reason, Instant.now()));
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
    population.ifPresent(p -> p.forget(trialId));
    abandonFiles(trialId);
    getContext().getLog().warn("sweep {}: {}; trial {} goes back to the queue", plan.sweepId(), reason, trialId);
    journal.record(new SweepEvent.TrialRequeued(plan.sweepId(), trialId, reason));
  }

  private void abandonFiles(String trialId) {
    try {
      files.abandon(trialId);
    } catch (IOException e) {
      getContext().getLog().warn("sweep {}: trial {}: cannot remove a partly received file: {}", plan.sweepId(), trialId, e.getMessage());
    }
  }

  private Behavior<Command> onStopTrial(StopTrial stop) {
    population.ifPresent(p -> p.forget(stop.trialId()));
    TrialState trial = journal.state().trials().get(stop.trialId());
    if (trial != null && trial.status() == TrialStatus.QUEUED) {
      endTrial(stop.trialId(), TrialStatus.STOPPED, 0, "stopped before it started");
    } else {
      workers.stop(stop.trialId());
    }
    return afterChange();
  }

  private Behavior<Command> onCancel() {
    journal.state().trials().values().stream()
        .filter(t -> t.status() == TrialStatus.QUEUED)
        .map(TrialState::trialId)
        .toList()
        .forEach(trialId -> endTrial(trialId, TrialStatus.STOPPED, 0, "sweep cancelled"));
    journal.record(new SweepEvent.Cancelled(plan.sweepId()));
    workers.stopAll();
    return afterChange();
  }

  private Behavior<Command> onCheckLimit() {
    raiseLimitIfExtended();
    return afterChange();
  }

  private void raiseLimitIfExtended() {
    int limit = store.trialLimit(plan.sweepId()).orElse(journal.state().maxTrials());
    if (limit > journal.state().maxTrials()) {
      getContext().getLog().info("sweep {} was extended to {} trials", plan.sweepId(), limit);
      journal.record(new SweepEvent.LimitRaised(plan.sweepId(), limit));
    }
  }

  private Behavior<Command> afterChange() {
    if (journal.state().isFinished()) {
      // the last look before the end, so that an extension made a moment ago is not lost
      raiseLimitIfExtended();
    }
    SweepProgress progress = journal.state().progress();
    if (!progress.sweepFinished()) {
      tellDemand();
      progressListener.tell(progress);
      return this;
    }
    flushMetrics();
    SweepStatus status = journal.state().cancelled() ? SweepStatus.CANCELLED : SweepStatus.FINISHED;
    journal.record(new SweepEvent.SweepEnded(plan.sweepId(), status, Instant.now(), journal.state().bestTrial()));
    // told last, so that whoever sees the sweep finished finds it so in the store
    progressListener.tell(progress);
    return Behaviors.stopped();
  }

  private void endTrial(String trialId, TrialStatus status, long lastStep, String message) {
    flushMetrics();
    Optional<Decision> stoppedBy = status == TrialStatus.STOPPED ? journal.state().trials().get(trialId).stop() : Optional.empty();
    String reason = stoppedBy.map(Decision::reason).orElse(message);
    OptionalLong rung = stoppedBy.map(d -> OptionalLong.of(d.rung())).orElse(OptionalLong.empty());
    journal.record(new SweepEvent.TrialEnded(plan.sweepId(), trialId, status, lastStep, reason, rung, Instant.now()));
    source.observe(journal.state().trials().get(trialId));
  }

  /**
   * Records the reports taken in so far, judging each once it is; before any other event, so that
   * the store keeps their order.
   */
  private void flushMetrics() {
    journal.record(pending.drain(), this::judge);
  }

  /** Tells the service how many trials the sweep could start, when that changed. */
  private void tellDemand() {
    int startable = journal.state().startable();
    if (startable != toldStartable) {
      toldStartable = startable;
      service.tell(new Sweeps.Demand(plan.sweepId(), startable));
    }
  }

  private void publish(SweepEvent event) {
    getContext().getSystem().eventStream().tell(new EventStream.Publish<>(event));
  }

  private boolean isRunning(String trialId) {
    TrialState trial = journal.state().trials().get(trialId);
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
