package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.coordinator.SweepProgress;
import io.gantry.orchestrator.store.RunStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs one stored sweep on this machine: the coordinator in this process, one worker process
 * per device, a progress bar on {@code out}. Returns when the sweep is over, when the
 * coordinator has failed, or when every worker process has exited.
 */
public final class SweepRun {

  /** Where and how the run's processes start. */
  public record Settings(List<String> devices, int threadsPerTrial, String host, int port, Path logDir) {}

  private SweepRun() {}

  /** The last progress of a finished sweep, or empty when the sweep stopped before its end. */
  public static Optional<SweepProgress> run(RunStore store, SweepPlan plan, Settings settings, PrintStream out, boolean terminal) {
    CompletableFuture<SweepProgress> finished = new CompletableFuture<>();
    ActorSystem<Void> system =
        CoordinatorNode.start(guardian(store, plan, out, terminal, finished), settings.host(), settings.port());
    int port = CoordinatorNode.port(system);
    try (LocalWorkers workers =
        LocalWorkers.start(settings.devices(), settings.threadsPerTrial(), port, settings.logDir())) {
      workers.allExited().thenRun(system::terminate);
      system.getWhenTerminated().toCompletableFuture().join();
    }
    return Optional.ofNullable(finished.getNow(null));
  }

  private static Behavior<Void> guardian(
      RunStore store, SweepPlan plan, PrintStream out, boolean terminal, CompletableFuture<SweepProgress> finished) {
    return Behaviors.setup(
        context -> {
          ActorRef<SweepProgress> printer = context.spawn(ProgressPrinter.create(out, terminal, finished), "progress");
          ActorRef<Coordinator.Command> coordinator =
              context.spawn(
                  Coordinator.create(store, plan, printer),
                  "coordinator",
                  DispatcherSelector.fromConfig("gantry.store-dispatcher"));
          context.watch(coordinator);
          return Behaviors.receive(Void.class)
              .onSignal(org.apache.pekko.actor.typed.Terminated.class, signal -> Behaviors.stopped())
              .build();
        });
  }
}
