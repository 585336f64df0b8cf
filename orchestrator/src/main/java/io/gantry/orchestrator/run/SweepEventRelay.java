package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.SweepEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Hands a {@link RunObserver} the run's coordinator and every {@link SweepEvent} of the event stream. */
final class SweepEventRelay {

  private SweepEventRelay() {}

  static Behavior<SweepEvent> create(String sweepId, ActorRef<Coordinator.Command> coordinator, RunObserver observer) {
    return Behaviors.setup(
        context -> {
          context.getSystem().eventStream().tell(new EventStream.Subscribe<>(SweepEvent.class, context.getSelf()));
          observer.started(sweepId, coordinator);
          return Behaviors.receive(SweepEvent.class)
              .onMessage(
                  SweepEvent.class,
                  event -> {
                    observer.recorded(event);
                    return Behaviors.same();
                  })
              // the run's system stops its actors when the run is over, whatever ended it
              .onSignal(
                  PostStop.class,
                  signal -> {
                    observer.ended(sweepId);
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
