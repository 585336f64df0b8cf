package io.gantry.orchestrator.tracking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Drains one server's outbox into MLflow: one delivery pass at a time on the tracking dispatcher.
 * New rows wait a moment ({@code linger}) so that one pass takes many reports in few requests;
 * a full window or a drain goes at once. While MLflow fails, it retries with doubling waits. It
 * starts with a pass, so what an earlier Gantry left undelivered goes first.
 */
public final class Courier extends AbstractBehavior<Courier.Command> {

  /** Messages the courier understands. */
  public sealed interface Command {}

  /** The outbox has new rows. */
  public enum Nudge implements Command {
    INSTANCE
  }

  /** Answer once the outbox is empty, or after {@code within} with what is left. */
  public record Drain(Duration within, ActorRef<DrainReport> replyTo) implements Command {}

  /**
   * Where delivery stands: rows still pending, rows MLflow refused since the courier started, and
   * the last failure if MLflow is failing now.
   */
  public record DrainReport(long pending, int rejected, Optional<String> failure) {}

  private record PassDone(DeliveryRound.Result result, Throwable error) implements Command {}

  private enum Retry implements Command {
    INSTANCE
  }

  private enum Linger implements Command {
    INSTANCE
  }

  private record DrainDue(ActorRef<DrainReport> replyTo) implements Command {}

  private final String server;
  private final Outbox outbox;
  private final MlflowSink sink;
  private final DeliveryRound round;
  private final TrackingSettings settings;
  private final TimerScheduler<Command> timers;
  private final Executor blocking;
  private final List<ActorRef<DrainReport>> drains = new ArrayList<>();
  private boolean inFlight;
  private boolean nudged;
  private int failures;
  private Optional<String> failure = Optional.empty();
  private int rejected;

  static Behavior<Command> create(String server, Path dataDir, TrackingSettings settings) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Courier(context, timers, server, dataDir, settings)));
  }

  private Courier(ActorContext<Command> context, TimerScheduler<Command> timers, String server, Path dataDir, TrackingSettings settings) {
    super(context);
    this.server = server;
    this.settings = settings;
    this.timers = timers;
    this.outbox = Outbox.open(dataDir);
    this.sink = new MlflowSink(server, outbox, settings.uploadTimeout(), settings.requestTimeout());
    this.round = new DeliveryRound(server, dataDir, outbox, sink, settings.window(), Optional.empty());
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("gantry.tracking-dispatcher"));
    startPass();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Nudge.INSTANCE, this::onNudge)
        .onMessageEquals(Retry.INSTANCE, this::onTimer)
        .onMessageEquals(Linger.INSTANCE, this::onTimer)
        .onMessage(PassDone.class, this::onPassDone)
        .onMessage(Drain.class, this::onDrain)
        .onMessage(DrainDue.class, this::onDrainDue)
        .onSignal(PostStop.class, signal -> close())
        .onSignal(PreRestart.class, signal -> close())
        .build();
  }

  private Behavior<Command> onNudge() {
    if (inFlight || timers.isTimerActive(Retry.INSTANCE)) {
      nudged = true;
    } else if (!timers.isTimerActive(Linger.INSTANCE)) {
      timers.startSingleTimer(Linger.INSTANCE, settings.linger());
    }
    return this;
  }

  private Behavior<Command> onTimer() {
    if (!inFlight) {
      startPass();
    }
    return this;
  }

  private void startPass() {
    timers.cancel(Linger.INSTANCE);
    inFlight = true;
    nudged = false;
    getContext().pipeToSelf(CompletableFuture.supplyAsync(round::run, blocking), PassDone::new);
  }

  private Behavior<Command> onPassDone(PassDone done) {
    inFlight = false;
    Optional<String> failed =
        done.error() != null ? Optional.of(done.error().toString()) : done.result().failure();
    if (failed.isPresent()) {
      failures++;
      failure = failed;
      Duration wait = settings.backoff(failures);
      if (failures == 1 && failed.get().equals(DeliveryLock.HELD_ELSEWHERE)) {
        getContext().getLog().warn("tracking into {} waits in the outbox: {}", server, failed.get());
      } else if (failures == 1) {
        getContext().getLog().warn("MLflow at {} failed ({}); tracking waits in the outbox and retries", server, failed.get());
      }
      timers.startSingleTimer(Retry.INSTANCE, wait);
      return this;
    }
    if (failures > 0) {
      getContext().getLog().warn("MLflow at {} is back after {} failed tries; delivering the outbox", server, failures);
    }
    failures = 0;
    failure = Optional.empty();
    rejected += done.result().rejected();
    if (done.result().more() || (nudged && !drains.isEmpty())) {
      startPass();
    } else if (nudged) {
      nudged = false;
      timers.startSingleTimer(Linger.INSTANCE, settings.linger());
    } else if (!drains.isEmpty() && outbox.pendingCount(server, Optional.empty()) == 0) {
      DrainReport report = report();
      drains.forEach(replyTo -> replyTo.tell(report));
      drains.clear();
    }
    return this;
  }

  private Behavior<Command> onDrain(Drain drain) {
    if (!inFlight && failures == 0 && outbox.pendingCount(server, Optional.empty()) == 0) {
      drain.replyTo().tell(report());
      return this;
    }
    drains.add(drain.replyTo());
    timers.startSingleTimer(new DrainDue(drain.replyTo()), drain.within());
    if (!inFlight && failures == 0) {
      // no lingering when someone waits
      startPass();
    }
    return this;
  }

  private Behavior<Command> onDrainDue(DrainDue due) {
    if (drains.remove(due.replyTo())) {
      due.replyTo().tell(report());
    }
    return this;
  }

  private DrainReport report() {
    return new DrainReport(outbox.pendingCount(server, Optional.empty()), rejected, failure);
  }

  private Behavior<Command> close() {
    round.close();
    sink.close();
    outbox.close();
    return this;
  }
}
