package io.gantry.orchestrator.http;

import io.gantry.orchestrator.cluster.ClusterView;
import io.gantry.orchestrator.quiz.Quiz;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.tracking.TrackingLinks;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The web UI's server and the sweeps it can start and control. It listens in an actor system it is
 * given, the process's sweep service's, and leaves that system running when it closes. A taken
 * port does not stop it: it takes a free one and says which.
 */
public final class WebServer implements AutoCloseable {

  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

  private final LocalSweeps sweeps;
  private final WebSettings settings;
  private final TrackingLinks links;
  private final Optional<ServerBinding> binding;

  private WebServer(LocalSweeps sweeps, WebSettings settings, TrackingLinks links, Optional<ServerBinding> binding) {
    this.sweeps = sweeps;
    this.settings = settings;
    this.links = links;
    this.binding = binding;
  }

  /**
   * Serves the store of {@code dataDir} in {@code system} as {@code settings} say, and prints the address (and the
   * token, if it made one up) on {@code out}; sweeps submitted over HTTP run with {@code launcher},
   * on the workers of {@code cluster} when this is a cluster's coordinator node.
   * When it cannot listen at all it says why and serves nothing, and {@link #port()} is empty.
   */
  public static WebServer start(
      ActorSystem<?> system,
      WebSettings settings,
      RunStore store,
      Path dataDir,
      SweepLauncher launcher,
      TrackingLinks links,
      Optional<ClusterView> cluster,
      PrintWriter out) {
    ArtifactFiles files = new ArtifactFiles(dataDir);
    EventHub events = new EventHub(files);
    LocalSweeps sweeps = new LocalSweeps(store, dataDir, launcher, events::publish);
    AccessGuard guard = new AccessGuard(settings.token(), settings.guardsReads());
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("gantry.web-dispatcher"));
    SweepRoutes api =
        new SweepRoutes(store, new SweepViews(store, sweeps, links, files), new TrialViews(store, files), sweeps, guard, blocking);
    QuizRoutes quiz = new QuizRoutes(Quiz.of(store, system, links.reportsOutbox(system), blocking), guard, blocking);
    Route route = new WebRoutes(api, quiz, events, files, guard, cluster).route();
    Optional<ServerBinding> binding = bind(system, route, settings, out);
    out.flush();
    WebServer server = new WebServer(sweeps, settings, links, binding);
    server.publicUrl().ifPresent(sweeps::servedAt);
    return server;
  }

  private static Optional<ServerBinding> bind(ActorSystem<?> system, Route route, WebSettings settings, PrintWriter out) {
    int port = settings.port();
    String taken = "";
    // asked first, since Pekko logs a failed bind as an error with its stack trace
    if (port != 0 && !isFree(settings.host(), port)) {
      taken = " (port " + port + " is taken)";
      port = 0;
    }
    try {
      ServerBinding binding = bindAt(system, route, settings.host(), port);
      String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
      String url = "http://" + host + ":" + binding.localAddress().getPort() + "/";
      if (settings.tokenGenerated()) {
        out.println("web UI: " + url + "?token=" + settings.token().orElseThrow() + taken);
        out.println("  the API needs this token to change anything or follow events: " + settings.token().orElseThrow());
      } else {
        out.println("web UI: " + url + taken + (settings.token().isPresent() ? " (with your token)" : ""));
      }
      return Optional.of(binding);
    } catch (ExecutionException | TimeoutException e) {
      out.println("web UI not served: cannot listen on " + settings.host() + ": " + rootMessage(e));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean isFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static ServerBinding bindAt(ActorSystem<?> system, Route route, String host, int port)
      throws ExecutionException, TimeoutException, InterruptedException {
    return Http.get(system).newServerAt(host, port).bind(route).toCompletableFuture().get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }

  /** The port the server listens on, if it listens. */
  public Optional<Integer> port() {
    return binding.map(b -> b.localAddress().getPort());
  }

  /**
   * Where a process of this machine reaches the server, if it listens: its address, or loopback
   * when it listens on every interface.
   */
  public Optional<String> localUrl() {
    String host = settings.host();
    return urlAt(listensEverywhere(host) ? "127.0.0.1" : host);
  }

  /**
   * Where people on other machines open the pages, if it listens: its address, or this machine's
   * name when it listens on every interface.
   */
  public Optional<String> publicUrl() {
    String host = settings.host();
    if (!listensEverywhere(host)) {
      return urlAt(host);
    }
    try {
      return urlAt(InetAddress.getLocalHost().getCanonicalHostName());
    } catch (UnknownHostException e) {
      return localUrl();
    }
  }

  private static boolean listensEverywhere(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  private Optional<String> urlAt(String host) {
    String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return port().map(port -> "http://" + bracketed + ":" + port + "/");
  }

  /** What the API asks callers to present, if anything. */
  public Optional<String> token() {
    return settings.token();
  }

  /** The sweeps this process runs, which the server can start and control. */
  public LocalSweeps sweeps() {
    return sweeps;
  }

  /**
   * Returns once the sweeps submitted over HTTP have run, saying so first when
   * there are any: {@code gantry run} does not drop what was submitted while its sweep ran.
   */
  public void awaitSubmitted(PrintWriter out) {
    if (sweeps.unfinishedSubmissions() == 0) {
      return;
    }
    out.printf("%d sweep(s) submitted over HTTP still run; waiting for them before exiting%n", sweeps.unfinishedSubmissions());
    out.flush();
    try {
      sweeps.awaitSubmitted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and drops the sweeps still queued. */
  @Override
  public void close() {
    binding.ifPresent(b -> b.unbind().toCompletableFuture().join());
    sweeps.close();
    links.close();
  }
}
