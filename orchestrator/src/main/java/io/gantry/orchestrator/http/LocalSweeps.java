package io.gantry.orchestrator.http;

import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.SweepEvent;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.RunObserver;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.sweep.SweepSpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweeps this process runs, all at once on the workers of its sweep service: the one {@code
 * gantry run} started, those submitted over HTTP, and those a stopped process of the same data
 * folder left running. It follows each run as a {@link RunObserver}, so it knows which coordinator
 * to tell when a sweep is cancelled or a trial stopped, and it passes every {@link SweepEvent} on to
 * the event stream's clients.
 */
public final class LocalSweeps implements RunObserver, AutoCloseable {

  /** What became of a request to cancel a sweep or stop a trial. */
  public enum Control {
    /** The sweep's coordinator was told (or will be, as soon as the queued sweep starts). */
    ACCEPTED,
    /** This process does not run the sweep: it is over, or another process runs it. */
    NOT_HERE
  }

  /** What became of a request to run a stored sweep here. */
  public enum Resumption {
    /** It starts now, beside the others. */
    STARTED,
    /** This process runs it already. */
    ALREADY_HERE,
    /** It is over: finished or cancelled. */
    ENDED
  }

  /** Where a sweep stands in this process. */
  public enum Presence {
    RUNNING,
    QUEUED,
    ABSENT
  }

  private static final Logger LOG = LoggerFactory.getLogger(LocalSweeps.class);

  private final RunStore store;
  private final Path dataDir;
  private final SweepLauncher launcher;
  private final Consumer<SweepEvent> events;
  // a thread a sweep, each waiting for its sweep's end while the service runs them all
  private final ExecutorService launches =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "gantry-sweep-launch");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, ActorRef<Coordinator.Command>> running = new ConcurrentHashMap<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unfinished = new AtomicInteger();
  private final Set<String> cancelOnStart = ConcurrentHashMap.newKeySet();
  private volatile Optional<String> pages = Optional.empty();

  /** Sweeps of {@code store} run by {@code launcher}; their events go to {@code events}. */
  public LocalSweeps(RunStore store, Path dataDir, SweepLauncher launcher, Consumer<SweepEvent> events) {
    this.store = store;
    this.dataDir = dataDir;
    this.launcher = launcher;
    this.events = events;
  }

  /** The web UI's address, once it listens: sweeps started from then on link to it. */
  void servedAt(String url) {
    pages = Optional.of(url);
  }

  /** Stores the checked sweep and starts it beside the others; returns its id. */
  public String submit(SweepSpec spec) {
    SweepPlan plan = SweepSubmission.submit(store, spec, dataDir);
    queue(spec, plan);
    return plan.sweepId();
  }

  /**
   * Starts the stored sweep of {@code plan} beside the others: a new one, or one to run again, as
   * with those a stopped process left running.
   */
  public void queue(SweepSpec spec, SweepPlan plan) {
    queued.add(plan.sweepId());
    unfinished.incrementAndGet();
    launches.execute(() -> launch(spec, plan));
  }

  private void launch(SweepSpec spec, SweepPlan plan) {
    try {
      launcher.run(spec, plan, this, pages);
    } catch (RuntimeException e) {
      LOG.error("sweep {} failed to run", plan.sweepId(), e);
    } finally {
      queued.remove(plan.sweepId());
      synchronized (unfinished) {
        unfinished.decrementAndGet();
        unfinished.notifyAll();
      }
    }
  }

  /**
   * Starts again, oldest first, the sweeps of the store left {@code running} by a process that
   * stopped: their interrupted trials resume from their checkpoints. A sweep whose stored file no
   * longer passes this version's checks is named on {@code err} and left as it is.
   */
  public void resumeLeftRunning(PrintWriter out, PrintWriter err) {
    for (SweepRecord record :
        store.sweeps().stream()
            .filter(s -> s.status() == SweepStatus.RUNNING && presence(s.id()) == Presence.ABSENT)
            .sorted(Comparator.comparing(SweepRecord::createdAt))
            .toList()) {
      try {
        runStored(record);
        out.printf("sweep %s was left running; it goes on%n", record.id());
      } catch (SweepSpecException | IllegalArgumentException e) {
        err.println("cannot resume sweep " + record.id() + ": " + e.getMessage());
      }
    }
    out.flush();
    err.flush();
  }

  /**
   * Runs here the stored sweep {@code record}, unless it is over or runs here already: as {@code
   * gantry run} asks of a {@code gantry serve} of its data folder, having stored the sweep itself.
   *
   * @throws SweepSpecException if its stored file no longer passes this version's checks
   */
  public synchronized Resumption resume(SweepRecord record) throws SweepSpecException {
    if (record.status() != SweepStatus.RUNNING) {
      return Resumption.ENDED;
    }
    if (presence(record.id()) != Presence.ABSENT) {
      return Resumption.ALREADY_HERE;
    }
    runStored(record);
    return Resumption.STARTED;
  }

  private void runStored(SweepRecord record) throws SweepSpecException {
    SweepSpec spec = SweepSubmission.storedSpec(record);
    queue(spec, SweepSubmission.planOf(spec, record.id(), Path.of(record.artifactDir())));
  }

  /** Waits until every sweep submitted so far has run, and those submitted meanwhile too. */
  public void awaitSubmitted() throws InterruptedException {
    synchronized (unfinished) {
      while (unfinished.get() > 0) {
        unfinished.wait();
      }
    }
  }

  /** How many submitted sweeps run or are about to. */
  public int unfinishedSubmissions() {
    return unfinished.get();
  }

  public synchronized Presence presence(String sweepId) {
    if (running.containsKey(sweepId)) {
      return Presence.RUNNING;
    }
    return queued.contains(sweepId) ? Presence.QUEUED : Presence.ABSENT;
  }

  /** Cancels the sweep: its queued trials never start, its running ones are stopped. */
  public synchronized Control cancel(String sweepId) {
    ActorRef<Coordinator.Command> coordinator = running.get(sweepId);
    if (coordinator != null) {
      coordinator.tell(Coordinator.CancelSweep.INSTANCE);
      return Control.ACCEPTED;
    }
    if (queued.contains(sweepId)) {
      // the coordinator alone writes a sweep's end, so a queued sweep is cancelled when it starts
      cancelOnStart.add(sweepId);
      return Control.ACCEPTED;
    }
    return Control.NOT_HERE;
  }

  /** Stops one trial of a running sweep. */
  public Control stopTrial(String sweepId, String trialId) {
    ActorRef<Coordinator.Command> coordinator = running.get(sweepId);
    if (coordinator == null) {
      return Control.NOT_HERE;
    }
    coordinator.tell(new Coordinator.StopTrial(trialId));
    return Control.ACCEPTED;
  }

  @Override
  public synchronized void started(String sweepId, ActorRef<Coordinator.Command> coordinator) {
    running.put(sweepId, coordinator);
    queued.remove(sweepId);
    if (cancelOnStart.remove(sweepId)) {
      coordinator.tell(Coordinator.CancelSweep.INSTANCE);
    }
  }

  @Override
  public void recorded(SweepEvent event) {
    events.accept(event);
  }

  @Override
  public void ended(String sweepId) {
    running.remove(sweepId);
  }

  /** Starts no more sweeps; those that run are left to end with the process's sweep service. */
  @Override
  public void close() {
    launches.shutdown();
  }
}
