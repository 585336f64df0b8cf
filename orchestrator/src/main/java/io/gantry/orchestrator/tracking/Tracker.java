package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.coordinator.RunEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Writes what MLflow should get for one sweep into the outbox as the coordinator's events arrive,
 * then nudges the {@link Courier}. It never talks to MLflow, so an MLflow that is slow or away
 * costs the sweep nothing.
 */
public final class Tracker extends AbstractBehavior<Tracker.Command> {

  /** Messages the tracker understands. */
  public sealed interface Command {}

  /** A coordinator event, as the {@link #listener} hands it over. */
  record Observed(RunEvent event) implements Command {}

  /**
   * The run is ending: once the sweep's last event is in the outbox (or after the grace period,
   * if the sweep never ended), ask the courier to deliver everything within {@code within}.
   */
  public record Finish(Duration within, ActorRef<Courier.DrainReport> replyTo) implements Command {}

  private enum SweepEndOverdue implements Command {
    INSTANCE
  }

  private final String server;
  private final Outbox outbox;
  private final SweepEntries entries;
  private final ActorRef<Courier.Command> courier;
  private final TimerScheduler<Command> timers;
  private final Duration sweepEndGrace;
  private boolean sweepEnded;
  private Optional<Finish> finish = Optional.empty();

  static Behavior<Command> create(
      String server, Path dataDir, SweepEntries entries, ActorRef<Courier.Command> courier, Duration sweepEndGrace) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new Tracker(context, timers, server, dataDir, entries, courier, sweepEndGrace)));
  }

  /** Hands every event to {@code tracker}; subscribe it to the event stream. */
  static Behavior<RunEvent> listener(ActorRef<Command> tracker) {
    return Behaviors.receiveMessage(
        event -> {
          tracker.tell(new Observed(event));
          return Behaviors.same();
        });
  }

  private Tracker(
      ActorContext<Command> context, TimerScheduler<Command> timers, String server, Path dataDir,
      SweepEntries entries, ActorRef<Courier.Command> courier, Duration sweepEndGrace) {
    super(context);
    this.server = server;
    this.entries = entries;
    this.courier = courier;
    this.timers = timers;
    this.sweepEndGrace = sweepEndGrace;
    this.outbox = Outbox.open(dataDir);
    write(entries.sweepStarted());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Observed.class, observed -> onEvent(observed.event()))
        .onMessage(Finish.class, this::onFinish)
        .onMessageEquals(SweepEndOverdue.INSTANCE, this::drain)
        .onSignal(PostStop.class, signal -> close())
        .onSignal(PreRestart.class, signal -> close())
        .build();
  }

  private Behavior<Command> onEvent(RunEvent event) {
    if (!event.sweepId().equals(entries.sweepId())) {
      return this;
    }
    write(entries.of(event));
    if (event instanceof RunEvent.SweepEnded) {
      sweepEnded = true;
      return finish.isPresent() ? drain() : this;
    }
    return this;
  }

  private Behavior<Command> onFinish(Finish request) {
    finish = Optional.of(request);
    if (sweepEnded) {
      return drain();
    }
    timers.startSingleTimer(SweepEndOverdue.INSTANCE, sweepEndGrace);
    return this;
  }

  private Behavior<Command> drain() {
    finish.ifPresent(f -> courier.tell(new Courier.Drain(f.within(), f.replyTo())));
    finish = Optional.empty();
    timers.cancel(SweepEndOverdue.INSTANCE);
    return this;
  }

  private void write(List<TrackingEntry> batch) {
    if (!batch.isEmpty()) {
      outbox.append(server, batch);
      courier.tell(Courier.Nudge.INSTANCE);
    }
  }

  private Behavior<Command> close() {
    outbox.close();
    return this;
  }
}
