package io.gantry.orchestrator.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracking server that takes every connection and never answers (a hung proxy, a stopped
 * process whose port is still open): each request is given up within its timeout, as a failure
 * to try again later, and the next one is not stuck behind it.
 */
class SilentServerTest {

  @TempDir Path data;

  @Test
  @Timeout(60) // without request timeouts, the first request waits for ever
  void aServerThatNeverAnswersFailsEachRequestWithinItsTimeout() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      try (Outbox outbox = Outbox.open(data);
          MlflowSink sink = new MlflowSink(url, outbox, Duration.ofSeconds(2), Duration.ofSeconds(1))) {
        for (int attempt = 1; attempt <= 2; attempt++) {
          Instant start = Instant.now();
          DeliveryException failed =
              assertThrows(DeliveryException.class, () -> sink.apply("silent", new TrackingOp.CreateRun("silent", null, "silent", 0)));
          Duration took = Duration.between(start, Instant.now());
          assertTrue(failed.getMessage().contains("did not answer within 1 s"), failed.getMessage());
          assertFalse(failed.permanent(), "tried again later");
          assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "attempt " + attempt + " took " + took);
        }
        assertTrue(!held.isEmpty(), "the requests reached the server");
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }
}
