package io.gantry.orchestrator.tracking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The one {@link Courier} of each tracking server (and data folder) in an actor system, shared by
 * every sweep the system runs. Two couriers draining one outbox would both deliver the same rows,
 * and both make a run that neither found yet, so the sweeps of a process share theirs.
 */
final class Couriers implements Extension {

  private static final ExtensionId<Couriers> ID =
      new ExtensionId<>() {
        @Override
        public Couriers createExtension(ActorSystem<?> system) {
          return new Couriers(system);
        }
      };

  private final ActorSystem<?> system;
  private final Map<String, ActorRef<Courier.Command>> couriers = new ConcurrentHashMap<>();
  private final AtomicInteger made = new AtomicInteger();

  private Couriers(ActorSystem<?> system) {
    this.system = system;
  }

  static Couriers of(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** The courier of {@code server}'s rows in the outbox of {@code dataDir}, started on first use. */
  ActorRef<Courier.Command> courier(String server, Path dataDir, TrackingSettings settings) {
    return couriers.computeIfAbsent(
        server + " " + dataDir.toAbsolutePath().normalize(),
        key ->
            system.systemActorOf(
                Behaviors.supervise(Courier.create(server, dataDir, settings))
                    .onFailure(SupervisorStrategy.restart().withLimit(10, Duration.ofMinutes(1))),
                "mlflow-courier-" + made.incrementAndGet(),
                DispatcherSelector.fromConfig("gantry.tracking-dispatcher")));
  }
}
