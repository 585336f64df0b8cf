package io.gantry.worker;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.trial.TrialRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * <p>Usage: {@code WorkerMain --join HOST:PORT --device cpu:0 --threads 1 [--exit-with-parent]}.
 * With {@code --exit-with-parent} the process ends when its standard input closes, which is how
 * a worker started by {@code gantry run} follows its parent even through {@code kill -9}.
 *
 * <p>Trials train with DJL ({@link DjlTrialRunner}) unless the classpath provides another {@link
 * TrialRunner} as a {@link ServiceLoader} service: Gantry's own classpath provides none; the
 * orchestration benchmarks under {@code bench/} provide one that only sleeps.
 */
public final class WorkerMain {

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    WorkerOptions options = WorkerOptions.parse(args);
    ActorSystem<Void> system = start(options);
    if (options.exitWithParent()) {
      waitForEndOfInput(System.in);
      // The coordinator is gone and with it the trial's destination: there is nothing to save,
      // so the process ends at once instead of waiting out the cluster's shutdown phases.
      system.terminate();
      Runtime.getRuntime().halt(0);
    }
    system.getWhenTerminated().toCompletableFuture().join();
  }

  /** Starts the actor system of one worker and asks it to join the coordinator's cluster. */
  public static ActorSystem<Void> start(WorkerOptions options) throws UnknownHostException {
    Config config =
        ConfigFactory.parseMap(Map.of("pekko.remote.artery.canonical.hostname", options.bindHost()))
            .withFallback(ConfigFactory.load());
    WorkerInfo info =
        new WorkerInfo(
            options.workerId(),
            InetAddress.getLocalHost().getHostName(),
            options.device(),
            options.threads(),
            ProcessHandle.current().pid());
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.setup(
                context -> {
                  TrialRunner runner = ServiceLoader.load(TrialRunner.class).findFirst().orElseGet(DjlTrialRunner::new);
                  context.spawn(Worker.create(info, runner), "worker");
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
