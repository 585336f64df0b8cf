package io.gantry.orchestrator.coordinator;

import io.gantry.protocol.WorkerEvent;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * An address for workers: registered with the Receptionist under a key so workers on any node
 * find it, it hands each worker event to the actor behind it. A plain actor rather than a message
 * adapter, so that what workers hold is an ordinary actor on this node.
 */
public final class WorkerGateway {

  private WorkerGateway() {}

  public static <T> Behavior<WorkerEvent> create(ServiceKey<WorkerEvent> key, ActorRef<T> target, Function<WorkerEvent, T> wrap) {
    return Behaviors.setup(
        context -> {
          context.getSystem().receptionist().tell(Receptionist.register(key, context.getSelf()));
          return Behaviors.receiveMessage(
              event -> {
                target.tell(wrap.apply(event));
                return Behaviors.same();
              });
        });
  }
}
