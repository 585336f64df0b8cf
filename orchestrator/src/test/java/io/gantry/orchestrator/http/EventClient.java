package io.gantry.orchestrator.http;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A client of the event stream that keeps every line it read, for tests to wait on. */
final class EventClient implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final HttpResponse<Stream<String>> response;
  private int cursor;

  EventClient(String url, String... headers) throws Exception {
    response =
        HttpClient.newHttpClient()
            .sendAsync(Http.request(url, headers).GET().build(), HttpResponse.BodyHandlers.ofLines())
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the event stream answered " + response.statusCode());
    }
    Thread reader =
        new Thread(
            () -> {
              try {
                response.body().forEach(lines::add);
              } catch (UncheckedIOException e) {
                // closed by close()
              }
            },
            "event-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for the next line equal to {@code eventLine}; returns it after its data line. */
  String await(String eventLine) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (; cursor < lines.size(); cursor++) {
        if (lines.get(cursor).equals(eventLine)) {
          cursor++;
          return lines.get(cursor - 2) + "\n" + eventLine;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + eventLine + " within " + WAIT + "; read: " + lines);
  }

  List<String> seen() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    response.body().close();
  }
}
