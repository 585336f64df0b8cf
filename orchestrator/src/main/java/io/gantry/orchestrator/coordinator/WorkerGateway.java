package io.gantry.orchestrator.coordinator;

import io.gantry.worker.WorkerEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The coordinator's address for workers: registered with the Receptionist so workers on any
 * node find it, it hands each worker event to the coordinator.
 */
final class WorkerGateway {

  private WorkerGateway() {}

  static Behavior<WorkerEvent> create(ActorRef<Coordinator.Command> coordinator) {
    return Behaviors.setup(
        context -> {
          context.getSystem().receptionist().tell(Receptionist.register(WorkerEvent.SERVICE_KEY, context.getSelf()));
          return Behaviors.receiveMessage(
              event -> {
                coordinator.tell(new Coordinator.FromWorker(event));
                return Behaviors.same();
              });
        });
  }
}
