package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.coordinator.SweepEvent;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Follows one sweep's events for its {@link Courier}: each event's outbox rows are in the store by
 * the time the event is published (the coordinator's journal writes them with it), so the tracker
 * nudges the courier, and once the sweep has ended it asks for the last delivery. It never talks
 * to MLflow, so an MLflow that is slow or away costs the sweep nothing.
 */
public final class Tracker extends AbstractBehavior<Tracker.Command> {

  /** Messages the tracker understands. */
  public sealed interface Command {}

  /** A coordinator event, as the {@link #listener} hands it over. */
  record Observed(SweepEvent event) implements Command {}

  /**
   * The run is ending: once the sweep's last event is in the outbox (or after the grace period,
   * if the sweep never ended), ask the courier to deliver everything within {@code within}.
   */
  public record Finish(Duration within, ActorRef<Courier.DrainReport> replyTo) implements Command {}

  private enum SweepEndOverdue implements Command {
    INSTANCE
  }

  private final String sweepId;
  private final ActorRef<Courier.Command> courier;
  private final TimerScheduler<Command> timers;
  private final Duration sweepEndGrace;
  private boolean sweepEnded;
  private Optional<Finish> finish = Optional.empty();

  static Behavior<Command> create(String sweepId, ActorRef<Courier.Command> courier, Duration sweepEndGrace) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Tracker(context, timers, sweepId, courier, sweepEndGrace)));
  }

  /** Hands every event to {@code tracker}; subscribe it to the event stream. */
  static Behavior<SweepEvent> listener(ActorRef<Command> tracker) {
    return Behaviors.receiveMessage(
        event -> {
          tracker.tell(new Observed(event));
          return Behaviors.same();
        });
  }

  private Tracker(
      ActorContext<Command> context, TimerScheduler<Command> timers, String sweepId, ActorRef<Courier.Command> courier,
      Duration sweepEndGrace) {
    super(context);
    this.sweepId = sweepId;
    this.courier = courier;
    this.timers = timers;
    this.sweepEndGrace = sweepEndGrace;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Observed.class, observed -> onEvent(observed.event()))
        .onMessage(Finish.class, this::onFinish)
        .onMessageEquals(SweepEndOverdue.INSTANCE, this::drain)
        .build();
  }

  private Behavior<Command> onEvent(SweepEvent event) {
    if (!event.sweepId().equals(sweepId)) {
      return this;
    }
    courier.tell(Courier.Nudge.INSTANCE);
    if (event instanceof SweepEvent.SweepEnded) {
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
}
