package io.gantry.worker;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.gantry.protocol.WorkerExit;
import io.gantry.protocol.WorkerInfo;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.trial.TrialRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/**
 * The entry point of one worker process: joins the coordinator's cluster and serves one device.
 *
 * <p>Usage: {@code WorkerMain --join HOST:PORT --device cpu:0 --threads 1 [--id ID] [--bind HOST]
 * [--scratch DIR] [--exit-with-parent]}; trials write under {@code --scratch} (default: a new
 * temporary folder).
 * With {@code --exit-with-parent} the process ends when its standard input closes, which is how
 * a worker started by {@code gantry run} follows its parent even through {@code kill -9}.
 *
 * <p>When the process leaves the cluster, as it does when the coordinator was lost (the split-brain
 * resolver downs the nodes that lost the oldest one), it exits with {@link WorkerExit#LEFT_CLUSTER}:
 * {@code gantry worker} starts it again, and the new process joins the coordinator once it is back.
 * A {@code gpu:N} worker whose engine sees no GPU ({@link DeviceCheck}) writes why as its last line
 * and exits with {@link WorkerExit#NO_DEVICE} before it joins; nobody starts it again.
 *
 * <p>Trials train with DJL ({@link DjlTrialRunner}) unless the classpath provides another {@link
 * TrialRunner} as a {@link ServiceLoader} service: Gantry's own classpath provides none; the
 * orchestration benchmarks under {@code bench/} provide one that only sleeps.
 */
public final class WorkerMain {

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    WorkerOptions options = WorkerOptions.parse(args);
    WorkerInfo info;
    try {
      info = DeviceCheck.info(options);
    } catch (DeviceCheck.NoGpuException e) {
      System.err.println(e.getMessage());
      System.err.flush();
      Runtime.getRuntime().halt(WorkerExit.NO_DEVICE);
      return;
    }
    System.out.println("worker " + info.workerId() + " on " + info.device() + ": libtorch " + DeviceCheck.libtorch());
    ActorSystem<Void> system = start(options, info);
    // a trial may still run on its own thread, with nowhere to report to
    system.getWhenTerminated().thenRun(() -> Runtime.getRuntime().halt(WorkerExit.LEFT_CLUSTER));
    if (options.exitWithParent()) {
      waitForEndOfInput(System.in);
      // The parent is gone and with it whoever would start this process again: the process ends
      // at once instead of waiting out the cluster's shutdown phases.
      Runtime.getRuntime().halt(0);
    }
    system.getWhenTerminated().toCompletableFuture().join();
  }

  /** Starts the actor system of the worker {@code info} and asks it to join the coordinator's cluster. */
  public static ActorSystem<Void> start(WorkerOptions options, WorkerInfo info) throws IOException {
    Config config =
        ConfigFactory.parseMap(Map.of("pekko.remote.artery.canonical.hostname", options.bindHost()))
            .withFallback(ConfigFactory.load());
    Path scratch = options.scratch().isPresent() ? options.scratch().get() : Files.createTempDirectory("gantry-worker-");
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.setup(
                context -> {
                  TrialRunner runner = ServiceLoader.load(TrialRunner.class).findFirst().orElseGet(DjlTrialRunner::new);
                  context.spawn(Worker.create(info, runner, scratch), "worker");
                  return Behaviors.empty();
                }),
            "gantry",
            config);
    Address seed = new Address("pekko", "gantry", options.joinHost(), options.joinPort());
    Cluster.get(system).manager().tell(new JoinSeedNodes(List.of(seed)));
    return system;
  }

  private static void waitForEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the parent never writes; reading only notices when it is gone
      }
    } catch (IOException e) {
      // a broken pipe means the parent is gone too
    }
  }
}
