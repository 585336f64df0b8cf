package io.gantry.orchestrator.http;

import io.gantry.orchestrator.coordinator.SweepEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Hands every {@link SweepEvent} to the clients of the event stream, each with a bounded buffer of
 * its own: a client too slow to empty it misses new events while it is full (the pages catch up
 * from the API), and never costs the coordinator time or another client its events.
 */
final class EventHub {

  private static final int BUFFER = 2048;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private record Client(Optional<String> sweepId, BoundedSourceQueue<ServerSentEvent> queue) {
    boolean wants(SweepEvent event) {
      return sweepId.isEmpty() || sweepId.get().equals(event.sweepId());
    }
  }

  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final ArtifactFiles files;

  EventHub(ArtifactFiles files) {
    this.files = files;
  }

  /** Passes the event on to every client that follows its sweep; never blocks. */
  void publish(SweepEvent event) {
    ServerSentEvent sse = null;
    for (Client client : clients) {
      if (client.wants(event)) {
        if (sse == null) {
          sse = ServerSentEvent.create(JsonResponses.write(EventJson.fields(event, files)), EventJson.type(event));
        }
        client.queue().offer(sse);
      }
    }
  }

  /**
   * A new client's stream: a {@code ready} event, then the events of {@code sweepId} (of every
   * sweep when empty), with heartbeats so that proxies keep the connection open.
   */
  Source<ServerSentEvent, NotUsed> subscribe(Optional<String> sweepId) {
    return Source.<ServerSentEvent>queue(BUFFER)
        .mapMaterializedValue(
            queue -> {
              Client client = new Client(sweepId, queue);
              clients.add(client);
              return client;
            })
        .watchTermination(
            (client, done) -> {
              done.whenComplete((ignored, error) -> clients.remove(client));
              return NotUsed.getInstance();
            })
        .prepend(Source.single(ServerSentEvent.create("{}", "ready")))
        .keepAlive(KEEP_ALIVE, ServerSentEvent::heartbeat);
  }
}
