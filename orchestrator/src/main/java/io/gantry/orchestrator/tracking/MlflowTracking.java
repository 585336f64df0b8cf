package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.coordinator.EventOutbox;
import io.gantry.orchestrator.coordinator.SweepEvent;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Tracks a sweep in an MLflow tracking server: the coordinator's journal writes each event's
 * outbox rows ({@link SweepEntries}) with the event, the process's {@link Courier} of that server
 * ({@link Couriers}) delivers them and a {@link Tracker} nudges it as events are published, both
 * on the tracking dispatcher. At the
 * end of the run it waits up to {@code wait} for the outbox to empty.
 */
public final class MlflowTracking implements SweepTracking {

  private final String server;
  private final Path dataDir;
  private final Duration wait;
  private final Optional<String> gitCommit;
  private final Optional<String> pages;
  private final CompletableFuture<ActorRef<Tracker.Command>> tracker = new CompletableFuture<>();
  private volatile String sweepId;

  private MlflowTracking(String server, Path dataDir, Duration wait, Optional<String> pages) {
    this.server = server;
    this.dataDir = dataDir;
    this.wait = wait;
    this.gitCommit = CodeVersion.gitCommit();
    this.pages = pages;
  }

  /**
   * Tracking into the server at {@code url}, with the outbox in the store of {@code dataDir}.
   *
   * @throws IllegalArgumentException if {@code url} is not an http(s) URL
   */
  public static MlflowTracking of(String url, Path dataDir, Duration wait) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Gantry tracks into an MLflow tracking server, given as http://HOST:PORT, not '" + url + "'"
              + " (start one with: gantry mlflow-server)");
    }
    return new MlflowTracking(uri.toString().replaceAll("/+$", ""), dataDir, wait, Optional.empty());
  }

  @Override
  public MlflowTracking linkingTo(Optional<String> pages) {
    return new MlflowTracking(server, dataDir, wait, pages);
  }

  /** The tracking server's URL. */
  public String server() {
    return server;
  }

  @Override
  public EventOutbox start(ActorContext<?> guardian, RunStore store, SweepPlan plan) {
    TrackingSettings settings = TrackingSettings.from(guardian.getSystem().settings().config());
    SweepRecord sweep = store.sweep(plan.sweepId()).orElseThrow(() -> new IllegalArgumentException("no sweep " + plan.sweepId()));
    SweepEntries entries = new SweepEntries(sweep, plan, store.trials(sweep.id()), store.lineage(sweep.id()), gitCommit, pages, System::currentTimeMillis);
    // before the courier starts, so that the sweep's run is made before its trials' runs
    store.addOutboxRows(Outbox.rows(server, entries.sweepStarted()));
    DispatcherSelector blocking = DispatcherSelector.fromConfig("gantry.tracking-dispatcher");
    ActorRef<Courier.Command> courier = Couriers.of(guardian.getSystem()).courier(server, dataDir, settings);
    ActorRef<Tracker.Command> tracking =
        guardian.spawn(restarting(Tracker.create(sweep.id(), courier, settings.sweepEndGrace())), "mlflow-tracker", blocking);
    ActorRef<SweepEvent> listener = guardian.spawn(Tracker.listener(tracking), "mlflow-events");
    // subscribed at once rather than by a message to the event stream, which events published by
    // the coordinator spawned next could overtake
    Adapter.toClassic(guardian.getSystem()).getEventStream().subscribe(Adapter.toClassic(listener), SweepEvent.class);
    sweepId = sweep.id();
    tracker.complete(tracking);
    return event -> Outbox.rows(server, entries.of(event));
  }

  @Override
  public void finish(ActorSystem<?> system, PrintStream out) {
    if (!tracker.isDone()) {
      return;
    }
    Duration grace = TrackingSettings.from(system.settings().config()).sweepEndGrace();
    try {
      Courier.DrainReport report =
          AskPattern.<Tracker.Command, Courier.DrainReport>ask(
                  tracker.join(), replyTo -> new Tracker.Finish(wait, replyTo), wait.plus(grace).plusSeconds(10), system.scheduler())
              .toCompletableFuture()
              .get();
      out.println(summary(report));
    } catch (ExecutionException e) {
      out.println("mlflow: tracking did not answer (" + e.getCause() + "); what is undelivered stays in the outbox");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }

  private String summary(Courier.DrainReport report) {
    StringBuilder text = new StringBuilder();
    if (report.pending() == 0) {
      text.append("mlflow: everything delivered");
      sweepRunLink().ifPresent(link -> text.append("; the sweep's run: ").append(link));
    } else {
      text.append(
          String.format(
              "mlflow: %d entries not delivered to %s within %ds%s; they wait in the outbox of %s"
                  + " and go out with the next `gantry run --mlflow %s`",
              report.pending(), server, wait.toSeconds(), report.failure().map(f -> " (" + f + ")").orElse(""), dataDir, server));
    }
    if (report.rejected() > 0) {
      text.append(String.format("%nmlflow: %d entries were refused by MLflow and set aside (see the warnings above)", report.rejected()));
    }
    return text.toString();
  }

  private Optional<String> sweepRunLink() {
    try (Outbox outbox = Outbox.open(dataDir)) {
      return outbox
          .run(server, TrackingEntry.sweepKey(sweepId))
          .map(run -> MlflowLinks.runPage(server, run));
    }
  }

  private static <T> Behavior<T> restarting(Behavior<T> behavior) {
    return Behaviors.supervise(behavior).onFailure(SupervisorStrategy.restart().withLimit(10, Duration.ofMinutes(1)));
  }
}
