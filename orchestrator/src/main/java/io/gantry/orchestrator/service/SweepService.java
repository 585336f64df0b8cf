package io.gantry.orchestrator.service;

import io.gantry.orchestrator.cluster.ClusterView;
import io.gantry.orchestrator.cluster.WorkerDirectory;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The one sweep service of a process ({@code gantry run}, {@code serve} and {@code coordinator}
 * alike): one actor system for as long as the process lives, the first node of a cluster that
 * worker processes of this machine or any other join, which runs every sweep it is given at once
 * on the workers they share ({@link Sweeps}), and keeps a directory of the workers.
 */
public final class SweepService implements AutoCloseable {

  private final ActorSystem<Sweeps.Command> system;
  private final ClusterView view;
  private final CompletableFuture<Void> workersGone = new CompletableFuture<>();

  private SweepService(ActorSystem<Sweeps.Command> system, ClusterView view) {
    this.system = system;
    this.view = view;
  }

  /** Starts the service on {@code host}:{@code port} (0 picks a free port) as a cluster of one. */
  public static SweepService start(String host, int port) {
    AtomicReference<ActorSystem<?>> started = new AtomicReference<>();
    ClusterView view =
        new ClusterView(() -> Optional.ofNullable(started.get()).map(SweepService::nodes).orElse(List.of()));
    ActorSystem<Sweeps.Command> system = CoordinatorNode.start(guardian(view), host, port);
    started.set(system);
    return new SweepService(system, view);
  }

  private static Behavior<Sweeps.Command> guardian(ClusterView view) {
    return Behaviors.setup(
        context -> {
          context.spawn(WorkerDirectory.create(view), "directory");
          return Sweeps.create();
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
   * Runs the stored sweep of {@code plan} on the service's workers, beside any other sweeps it
   * runs, with its progress on {@code out} and followed by {@code observer}, until it is over, the
   * service stops or its workers are gone ({@link #stopWaitingWhen}); then waits for tracking to deliver what it can. Returns whether the sweep
   * reached its end.
   */
  public boolean run(RunStore store, SweepPlan plan, SweepTracking tracking, PrintStream out, boolean terminal, RunObserver observer) {
    CompletableFuture<Void> coordinatorStopped = new CompletableFuture<>();
    system.tell(
        new Sweeps.Start(
            plan.sweepId(), service -> SweepActors.create(store, plan, tracking, out, terminal, observer, coordinatorStopped, service)));
    CompletableFuture.anyOf(coordinatorStopped, workersGone, system.getWhenTerminated().toCompletableFuture()).join();
    tracking.finish(system, out);
    system.tell(new Sweeps.Release(plan.sweepId()));
    return SweepActors.reachedItsEnd(store, plan);
  }

  /**
   * Sweeps stop waiting for their end once {@code exited} completes: the service's only workers,
   * those {@code gantry run} started, have all exited, and none will come back.
   */
  public void stopWaitingWhen(CompletableFuture<?> exited) {
    exited.thenRun(() -> workersGone.complete(null));
  }

  public ClusterView view() {
    return view;
  }

  /** The service's actor system, in which the process's web server listens too. */
  public ActorSystem<?> system() {
    return system;
  }

  /** The port the cluster listens on, useful when it was started with port 0. */
  public int port() {
    return CoordinatorNode.port(system);
  }

  /** Completes when the service's actor system has stopped. */
  public CompletableFuture<Void> whenTerminated() {
    return system.getWhenTerminated().toCompletableFuture().thenApply(done -> null);
  }

  /** Blocks until the service's actor system stops, as it does when the JVM is asked to exit. */
  public void awaitTermination() {
    whenTerminated().join();
  }

  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
