package io.gantry.orchestrator.cluster;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.CoordinatorNode;
import io.gantry.orchestrator.run.RunObserver;
import io.gantry.orchestrator.run.SweepActors;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.tracking.SweepTracking;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The coordinator node of a cluster ({@code gantry coordinator}): one actor system for as long as
 * the process lives, which workers on any machine join, which runs the sweeps it is given one at a
 * time, each with its own coordinator, and which keeps a directory of the workers.
 */
public final class ClusterCoordinator implements AutoCloseable {

  sealed interface Command {}

  private record StartSweep(String name, Behavior<Void> actors) implements Command {}

  private record StopSweep(String name) implements Command {}

  private final ActorSystem<Command> system;
  private final ClusterView view;
  private final AtomicInteger sweepsStarted = new AtomicInteger();

  private ClusterCoordinator(ActorSystem<Command> system, ClusterView view) {
    this.system = system;
    this.view = view;
  }

  /** Starts the node on {@code host}:{@code port} (0 picks a free port) as a cluster of one. */
  public static ClusterCoordinator start(String host, int port) {
    AtomicReference<ActorSystem<?>> started = new AtomicReference<>();
    ClusterView view =
        new ClusterView(() -> Optional.ofNullable(started.get()).map(ClusterCoordinator::nodes).orElse(List.of()));
    ActorSystem<Command> system = CoordinatorNode.start(guardian(view), host, port);
    started.set(system);
    return new ClusterCoordinator(system, view);
  }

  private static Behavior<Command> guardian(ClusterView view) {
    return Behaviors.setup(
        context -> {
          context.spawn(WorkerDirectory.create(view), "directory");
          return Behaviors.receive(Command.class)
              .onMessage(
                  StartSweep.class,
                  start -> {
                    context.spawn(start.actors(), start.name());
                    return Behaviors.same();
                  })
              .onMessage(
                  StopSweep.class,
                  stop -> {
                    context.getChild(stop.name()).ifPresent(context::stop);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static List<ClusterView.Node> nodes(ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    Iterable<Member> members = cluster.state().getMembers();
    return StreamSupport.stream(members.spliterator(), false)
        .map(m -> new ClusterView.Node(m.address().toString(), m.status().toString(), m.equals(cluster.selfMember())))
        .toList();
  }

  /**
   * Runs the stored sweep of {@code plan} on the workers of the cluster until it is over or this
   * node stops, followed by {@code observer}; returns whether it reached its end.
   */
  public boolean run(RunStore store, SweepPlan plan, SweepTracking tracking, PrintStream out, RunObserver observer) {
    CompletableFuture<Void> coordinatorStopped = new CompletableFuture<>();
    // a number of its own: the name of the last sweep's actors may not be free again yet
    String name = "sweep-" + sweepsStarted.incrementAndGet();
    system.tell(new StartSweep(name, SweepActors.create(store, plan, tracking, out, false, observer, coordinatorStopped)));
    CompletableFuture.anyOf(coordinatorStopped, system.getWhenTerminated().toCompletableFuture()).join();
    tracking.finish(system, out);
    system.tell(new StopSweep(name));
    return SweepActors.reachedItsEnd(store, plan);
  }

  public ClusterView view() {
    return view;
  }

  /** The port the cluster listens on, useful when it was started with port 0. */
  public int port() {
    return CoordinatorNode.port(system);
  }

  /** Blocks until the node's actor system stops, as it does when the JVM is asked to exit. */
  public void awaitTermination() {
    system.getWhenTerminated().toCompletableFuture().join();
  }

  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
