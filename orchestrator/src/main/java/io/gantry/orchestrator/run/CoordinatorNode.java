package io.gantry.orchestrator.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** The coordinator's actor system: the first node of the cluster, which workers join. */
public final class CoordinatorNode {

  private CoordinatorNode() {}

  /** Starts the system on {@code host}:{@code port} (0 picks a free port) and forms a cluster of one. */
  public static <T> ActorSystem<T> start(Behavior<T> guardian, String host, int port) {
    Config config =
        ConfigFactory.parseMap(
                Map.of("pekko.remote.artery.canonical.hostname", host, "pekko.remote.artery.canonical.port", port))
            .withFallback(ConfigFactory.load());
    ActorSystem<T> system = ActorSystem.create(guardian, "gantry", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    return system;
  }

  /** The port the system listens on, useful when it was started with port 0. */
  public static int port(ActorSystem<?> system) {
    Address address = Cluster.get(system).selfMember().address();
    return (Integer) address.port().get();
  }
}
