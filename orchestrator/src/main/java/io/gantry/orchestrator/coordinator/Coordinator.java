package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.worker.Worker;
import io.gantry.worker.WorkerEvent;
import io.gantry.worker.WorkerInfo;
import io.gantry.worker.trial.TrialOutcome;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one sweep: hands queued trials to idle workers that ask for work, records everything
 * they report in the store, re-queues the trial of a worker that is lost, and stops itself
 * when every trial is finished. It writes to H2 on each event, so it is spawned on the store
 * dispatcher.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  /** Messages the coordinator understands. */
  public sealed interface Command {}

  /** A message from a worker, handed over by the {@link WorkerGateway}. */
  public record FromWorker(WorkerEvent event) implements Command {}

  /** Stop one trial: a running one is asked to stop, a queued one never starts. */
  public record StopTrial(String trialId) implements Command {}

  /** Cancel the sweep: queued trials never start, running ones are asked to stop. */
  public enum CancelSweep implements Command {
    INSTANCE
  }

  private record WorkerLost(ActorRef<Worker.Command> worker) implements Command {}

  private record Assignment(String trialId, WorkerInfo info) {}

  private final RunStore store;
  private final SweepPlan plan;
  private final ActorRef<SweepProgress> progressListener;
  private final ActorRef<WorkerEvent> gateway;
  private final Map<String, TrialRecord> trialsById;
  private final Deque<ActorRef<Worker.Command>> idleWorkers = new ArrayDeque<>();
  private final Map<ActorRef<Worker.Command>, WorkerInfo> knownWorkers = new HashMap<>();
  private final Map<ActorRef<Worker.Command>, Assignment> busyWorkers = new HashMap<>();
  private SweepState state;

  public static Behavior<Command> create(RunStore store, SweepPlan plan, ActorRef<SweepProgress> progressListener) {
    return Behaviors.setup(context -> new Coordinator(context, store, plan, progressListener));
  }

  private Coordinator(
      ActorContext<Command> context, RunStore store, SweepPlan plan, ActorRef<SweepProgress> progressListener) {
    super(context);
    this.store = store;
    this.plan = plan;
    this.progressListener = progressListener;
    var sweep =
        store.sweep(plan.sweepId()).orElseThrow(() -> new IllegalArgumentException("no sweep " + plan.sweepId()));
    List<TrialRecord> trials = store.trials(sweep.id());
    this.trialsById = trials.stream().collect(Collectors.toMap(TrialRecord::trialId, Function.identity()));
    this.state = SweepState.of(sweep.id(), sweep.metricName(), sweep.maximize(), trials);
    this.gateway = context.spawn(WorkerGateway.create(context.getSelf()), "workers");
    progressListener.tell(state.progress());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromWorker.class, message -> onWorkerEvent(message.event()))
        .onMessage(WorkerLost.class, this::onWorkerLost)
        .onMessage(StopTrial.class, this::onStopTrial)
        .onMessageEquals(CancelSweep.INSTANCE, this::onCancel)
        .build();
  }

  private Behavior<Command> onWorkerEvent(WorkerEvent event) {
    if (event instanceof WorkerEvent.Ready ready) {
      onReady(ready);
    } else if (event instanceof WorkerEvent.Progress progress) {
      onProgress(progress);
    } else if (event instanceof WorkerEvent.Artifact artifact) {
      onArtifact(artifact);
    } else if (event instanceof WorkerEvent.Ended ended) {
      onEnded(ended);
    }
    return afterChange();
  }

  private void onReady(WorkerEvent.Ready ready) {
    if (knownWorkers.put(ready.worker(), ready.info()) == null) {
      getContext().watchWith(ready.worker(), new WorkerLost(ready.worker()));
    }
    if (!busyWorkers.containsKey(ready.worker()) && !idleWorkers.contains(ready.worker())) {
      idleWorkers.addLast(ready.worker());
    }
    dispatch();
  }

  private void dispatch() {
    while (!idleWorkers.isEmpty() && state.nextQueued().isPresent()) {
      ActorRef<Worker.Command> worker = idleWorkers.removeFirst();
      WorkerInfo info = knownWorkers.get(worker);
      String trialId = state.nextQueued().get();
      state = state.updated(new SweepEvent.TrialStarted(trialId, info.workerId()));
      int attempt = state.trials().get(trialId).attempt();
      store.trialStarted(plan.sweepId(), trialId, info.workerId(), info.device(), attempt, Instant.now());
      publish(new RunEvent.TrialStarted(plan.sweepId(), trialId, trialsById.get(trialId).params(), info.workerId(), info.device(), attempt));
      busyWorkers.put(worker, new Assignment(trialId, info));
      worker.tell(new Worker.AssignTrial(plan.trialSpec(trialsById.get(trialId)), gateway));
    }
  }

  private void onProgress(WorkerEvent.Progress progress) {
    if (!isRunning(progress.trialId())) {
      return;
    }
    List<MetricPoint> points =
        progress.metrics().entrySet().stream()
            .map(m -> new MetricPoint(m.getKey(), progress.step(), progress.epoch(), m.getValue(), progress.timestampMillis()))
            .toList();
    store.appendMetrics(plan.sweepId(), progress.trialId(), points);
    publish(
        new RunEvent.MetricsReported(
            plan.sweepId(), progress.trialId(), progress.step(), progress.epoch(), progress.metrics(), progress.timestampMillis()));
    state = state.updated(new SweepEvent.MetricsReported(progress.trialId(), progress.step(), progress.metrics()));
  }

  private void onArtifact(WorkerEvent.Artifact artifact) {
    if (isRunning(artifact.trialId())) {
      ArtifactRecord record = new ArtifactRecord(artifact.kind(), artifact.epoch(), artifact.step(), artifact.path());
      store.addArtifact(plan.sweepId(), artifact.trialId(), record);
      publish(new RunEvent.ArtifactSaved(plan.sweepId(), artifact.trialId(), record));
    }
  }

  private void onEnded(WorkerEvent.Ended ended) {
    Assignment assignment = busyWorkers.get(ended.worker());
    if (assignment == null || !assignment.trialId().equals(ended.trialId())) {
      return;
    }
    busyWorkers.remove(ended.worker());
    TrialOutcome outcome = ended.outcome();
    TrialStatus status = statusOf(outcome.kind());
    endTrial(ended.trialId(), status, outcome.lastStep(), outcome.reason());
  }

  private Behavior<Command> onWorkerLost(WorkerLost lost) {
    idleWorkers.remove(lost.worker());
    knownWorkers.remove(lost.worker());
    Assignment assignment = busyWorkers.remove(lost.worker());
    if (assignment != null) {
      getContext().getLog().warn("worker {} was lost; trial {} goes back to the queue", assignment.info().workerId(), assignment.trialId());
      String reason = "worker " + assignment.info().workerId() + " was lost";
      store.trialRequeued(plan.sweepId(), assignment.trialId(), reason);
      publish(new RunEvent.TrialRequeued(plan.sweepId(), assignment.trialId(), reason));
      state = state.updated(new SweepEvent.TrialRequeued(assignment.trialId()));
      dispatch();
    }
    return afterChange();
  }

  private Behavior<Command> onStopTrial(StopTrial stop) {
    TrialState trial = state.trials().get(stop.trialId());
    if (trial != null && trial.status() == TrialStatus.QUEUED) {
      endTrial(stop.trialId(), TrialStatus.STOPPED, 0, "stopped before it started");
    } else {
      busyWorkers.forEach(
          (worker, assignment) -> {
            if (assignment.trialId().equals(stop.trialId())) {
              worker.tell(new Worker.StopTrial(stop.trialId()));
            }
          });
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
    busyWorkers.forEach((worker, assignment) -> worker.tell(new Worker.StopTrial(assignment.trialId())));
    return afterChange();
  }

  private Behavior<Command> afterChange() {
    SweepProgress progress = state.progress();
    progressListener.tell(progress);
    if (!progress.sweepFinished()) {
      return this;
    }
    SweepStatus status = state.cancelled() ? SweepStatus.CANCELLED : SweepStatus.FINISHED;
    store.sweepEnded(plan.sweepId(), status, Instant.now());
    publish(new RunEvent.SweepEnded(plan.sweepId(), status));
    return Behaviors.stopped();
  }

  private void endTrial(String trialId, TrialStatus status, long lastStep, String message) {
    store.trialEnded(plan.sweepId(), trialId, status, lastStep, message, Instant.now());
    state = state.updated(new SweepEvent.TrialEnded(trialId, status, lastStep));
    publish(new RunEvent.TrialEnded(plan.sweepId(), trialId, status, lastStep, message));
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
      case FAILED -> TrialStatus.FAILED;
    };
  }
}
