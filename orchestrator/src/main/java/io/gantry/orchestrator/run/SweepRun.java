package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.tracking.SweepTracking;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs one stored sweep on this machine: the coordinator in this process, one worker process
 * per device, a progress bar on {@code out}, tracking if asked. Returns when the coordinator has
 * stopped (the sweep is over, or it failed) or when every worker process has exited, and tracking
 * has delivered what it had or given up waiting.
 */
public final class SweepRun {

  /** Where and how the run's processes start. */
  public record Settings(List<String> devices, int threadsPerTrial, String host, int port, Path logDir) {}

  private SweepRun() {}

  /** Whether the sweep reached its end (finished or cancelled) before the run stopped. */
  public static boolean run(
      RunStore store, SweepPlan plan, Settings settings, SweepTracking tracking, PrintStream out, boolean terminal) {
    return run(store, plan, settings, tracking, out, terminal, RunObserver.NONE);
  }

  /** As {@link #run(RunStore, SweepPlan, Settings, SweepTracking, PrintStream, boolean)}, followed by {@code observer}. */
  public static boolean run(
      RunStore store,
      SweepPlan plan,
      Settings settings,
      SweepTracking tracking,
      PrintStream out,
      boolean terminal,
      RunObserver observer) {
    CompletableFuture<Void> coordinatorStopped = new CompletableFuture<>();
    ActorSystem<Void> system =
        CoordinatorNode.start(
            SweepActors.create(store, plan, tracking, out, terminal, observer, coordinatorStopped), settings.host(), settings.port());
    try (LocalWorkers workers =
        LocalWorkers.start(settings.devices(), settings.threadsPerTrial(), CoordinatorNode.port(system), settings.logDir())) {
      CompletableFuture.anyOf(coordinatorStopped, workers.allExited()).join();
      tracking.finish(system, out);
      stop(system);
    } finally {
      // stopping a stopped system does nothing; this one covers workers that failed to start
      stop(system);
    }
    return SweepActors.reachedItsEnd(store, plan);
  }

  /** Leaves the cluster while the workers still answer, so that nobody waits on the unreachable. */
  private static void stop(ActorSystem<Void> system) {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
