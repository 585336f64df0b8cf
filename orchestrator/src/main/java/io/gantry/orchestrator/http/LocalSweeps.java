package io.gantry.orchestrator.http;

import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.RunEvent;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.RunObserver;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.sweep.SweepSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweeps this process runs, one at a time: the one {@code gantry run} started and those
 * submitted over HTTP, queued in order. It follows each run as a {@link RunObserver}, so it knows
 * which coordinator to tell when a sweep is cancelled or a trial stopped, and it passes every
 * {@link RunEvent} on to the event stream's clients.
 *
 * <p>Today every sweep has its own coordinator and actor system ({@link SweepLauncher}); once one
 * coordinator hosts many sweeps, submitting becomes telling it, and the queue here goes away.
 */
public final class LocalSweeps implements RunObserver, AutoCloseable {

  /** What became of a request to cancel a sweep or stop a trial. */
  public enum Control {
    /** The sweep's coordinator was told (or will be, as soon as the queued sweep starts). */
    ACCEPTED,
    /** This process does not run the sweep: it is over, or another process runs it. */
    NOT_HERE
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
  private final Consumer<RunEvent> events;
  private final ReentrantLock oneAtATime = new ReentrantLock(true);
  private final ExecutorService queue =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "gantry-sweep-queue");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, ActorRef<Coordinator.Command>> running = new ConcurrentHashMap<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unfinished = new AtomicInteger();
  private final Set<String> cancelOnStart = ConcurrentHashMap.newKeySet();

  /** Sweeps of {@code store} run by {@code launcher}; their events go to {@code events}. */
  public LocalSweeps(RunStore store, Path dataDir, SweepLauncher launcher, Consumer<RunEvent> events) {
    this.store = store;
    this.dataDir = dataDir;
    this.launcher = launcher;
    this.events = events;
  }

  /** Stores the checked sweep and queues it to run after the ones before it; returns its id. */
  public String submit(SweepSpec spec) {
    SweepPlan plan = SweepSubmission.submit(store, spec, dataDir);
    queue(spec, plan);
    return plan.sweepId();
  }

  /**
   * Queues the stored sweep of {@code plan} to run after the ones before it: a new one, or one
   * to run again, as a coordinator does with those its predecessor left running.
   */
  public void queue(SweepSpec spec, SweepPlan plan) {
    queued.add(plan.sweepId());
    unfinished.incrementAndGet();
    queue.execute(() -> runQueued(spec, plan));
  }

  private void runQueued(SweepSpec spec, SweepPlan plan) {
    try {
      exclusively(() -> launcher.run(spec, plan, this));
    } catch (RuntimeException e) {
      LOG.error("sweep {} failed to run", plan.sweepId(), e);
    } finally {
      queued.remove(plan.sweepId());
      unfinished.decrementAndGet();
    }
  }

  /** Runs {@code sweep} while no other sweep of this process runs: the foreground sweep of {@code gantry run}. */
  public <T> T exclusively(Supplier<T> sweep) {
    oneAtATime.lock();
    try {
      return sweep.get();
    } finally {
      oneAtATime.unlock();
    }
  }

  /** Waits until every sweep submitted so far has run, and those submitted meanwhile too. */
  public void awaitSubmitted() throws InterruptedException {
    while (unfinished.get() > 0) {
      try {
        queue.submit(() -> {}).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the sweep queue failed", e);
      }
    }
  }

  /** How many submitted sweeps wait for their turn or run. */
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
  public void recorded(RunEvent event) {
    events.accept(event);
  }

  @Override
  public void ended(String sweepId) {
    running.remove(sweepId);
  }

  /** Drops the sweeps still queued; one that runs is left to end with the process. */
  @Override
  public void close() {
    queue.shutdownNow();
  }
}
