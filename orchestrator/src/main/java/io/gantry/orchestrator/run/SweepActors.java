package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.EventOutbox;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.coordinator.SweepProgress;
import io.gantry.orchestrator.service.Sweeps;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.tracking.SweepTracking;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The actors of one sweep that a {@link Sweeps} service runs, under one parent: its progress printer, tracking, the
 * coordinator and the relay to a {@link RunObserver}. The parent completes {@code
 * coordinatorStopped} when the coordinator stops, and stays, with tracking, until it is stopped:
 * tracking may still have to deliver what the coordinator recorded last.
 */
public final class SweepActors {

  private SweepActors() {}

  public static Behavior<Void> create(
      RunStore store,
      SweepPlan plan,
      SweepTracking tracking,
      PrintStream out,
      boolean terminal,
      RunObserver observer,
      CompletableFuture<Void> coordinatorStopped,
      ActorRef<Sweeps.Command> service) {
    return Behaviors.setup(
        context -> {
          ActorRef<SweepProgress> printer = context.spawn(ProgressPrinter.create(out, terminal), "progress");
          EventOutbox outbox = tracking.start(context, store, plan);
          ActorRef<Coordinator.Command> coordinator =
              context.spawn(
                  Coordinator.create(store, plan, outbox, printer, service),
                  "coordinator",
                  DispatcherSelector.fromConfig("gantry.store-dispatcher"));
          context.spawn(SweepEventRelay.create(plan.sweepId(), coordinator, observer), "observer");
          context.watch(coordinator);
          return Behaviors.receive(Void.class)
              .onSignal(
                  Terminated.class,
                  signal -> {
                    coordinatorStopped.complete(null);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /** Whether the sweep of {@code plan} reached its end (finished or cancelled) by the time its actors stopped. */
  public static boolean reachedItsEnd(RunStore store, SweepPlan plan) {
    return store.sweep(plan.sweepId()).map(s -> s.status() != SweepStatus.RUNNING).orElse(false);
  }
}
