package io.gantry.orchestrator.http;

import com.typesafe.config.ConfigFactory;
import io.gantry.orchestrator.service.SweepService;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.tracking.TrackingLinks;
import io.gantry.orchestrator.tracking.SweepTracking;
import java.util.Optional;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A web server on a free loopback port (or as {@code settings} say) over an H2 store in {@code dataDir}. */
final class TestServer implements AutoCloseable {

  final H2RunStore store;
  final WebServer server;
  final String base;
  private final StringWriter printed = new StringWriter();
  private final Optional<ActorSystem<Void>> ownSystem;

  /**
   * A server in {@code system}, or else in a local actor system of its own, whose submitted sweeps
   * run with the launcher that {@code launcher} makes for its store.
   */
  private TestServer(
      Path dataDir, WebSettings settings, Optional<ActorSystem<?>> system, Function<RunStore, SweepLauncher> launcher, TrackingLinks links) {
    ownSystem =
        system.isPresent()
            ? Optional.empty()
            : Optional.of(
                ActorSystem.create(
                    Behaviors.<Void>empty(), "test-web",
                    ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load())));
    store = H2RunStore.open(dataDir);
    ActorSystem<?> served = system.isPresent() ? system.get() : ownSystem.get();
    server =
        WebServer.start(
            served, settings, store, dataDir, launcher.apply(store), links, Optional.empty(), new PrintWriter(printed, true));
    base = "http://127.0.0.1:" + server.port().orElseThrow(() -> new IllegalStateException("not served: " + printed));
  }

  TestServer(Path dataDir, WebSettings settings, Function<RunStore, SweepLauncher> launcher) {
    this(dataDir, settings, Optional.empty(), launcher, TrackingLinks.NONE);
  }

  TestServer(Path dataDir, WebSettings settings, SweepLauncher launcher) {
    this(dataDir, settings, store -> launcher);
  }

  /** A token-less loopback server whose submitted sweeps run with {@code launcher}. */
  static TestServer loopback(Path dataDir, SweepLauncher launcher) {
    return new TestServer(dataDir, WebSettings.of("127.0.0.1", 0, null), launcher);
  }

  /**
   * A token-less loopback server whose submitted sweeps run on {@code service}, as {@code gantry
   * serve} runs them.
   */
  static TestServer withService(Path dataDir, SweepService service) {
    return withService(dataDir, service, TrackingLinks.NONE);
  }

  /** As {@link #withService(Path, SweepService)}, linking to (and reporting into) the tracking of {@code links}. */
  static TestServer withService(Path dataDir, SweepService service, TrackingLinks links) {
    return new TestServer(
        dataDir,
        WebSettings.of("127.0.0.1", 0, null),
        Optional.of(service.system()),
        store -> (spec, plan, observer, pages) -> service.run(store, plan, SweepTracking.OFF, System.out, false, observer),
        links);
  }

  /** What the server printed when it started. */
  String printed() {
    return printed.toString();
  }

  @Override
  public void close() {
    server.close();
    store.close();
    ownSystem.ifPresent(
        system -> {
          system.terminate();
          system.getWhenTerminated().toCompletableFuture().join();
        });
  }
}
