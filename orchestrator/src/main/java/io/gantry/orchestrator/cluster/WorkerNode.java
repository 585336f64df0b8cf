package io.gantry.orchestrator.cluster;

import io.gantry.orchestrator.run.WorkerLaunch;
import io.gantry.protocol.WorkerExit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker processes of one machine that joins a cluster ({@code gantry worker}): one per
 * device, or several, each started again when it exits, as it does when it lost the coordinator.
 * Several processes of one device each run a trial of their own there, in a JVM (and on a GPU a CUDA
 * context) of their own; the coordinator keeps the trials' {@code gpu_fraction}s within the GPU. They
 * are children of this process and end with it, even through {@code kill -9}. A worker that refuses
 * its device ({@link WorkerExit#NO_DEVICE}) would refuse again: the node stops instead, with its
 * reason.
 */
public final class WorkerNode implements AutoCloseable {

  private static final long RESTART_DELAY_MS = 1000;

  private final WorkerLaunch launch;
  private final Path logDir;
  private final PrintWriter out;
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private final List<String> workerIds = new ArrayList<>();
  private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicReference<String> refusal = new AtomicReference<>();

  private WorkerNode(WorkerLaunch launch, Path logDir, PrintWriter out) {
    this.launch = launch;
    this.logDir = logDir;
    this.out = out;
  }

  /**
   * Starts {@code perDevice} workers for each device, logging to {@code logDir}: {@code name/gpu-0}
   * for the first of {@code gpu:0}, as with one per device, then {@code name/gpu-0.2}, {@code
   * name/gpu-0.3}, ...
   */
  public static WorkerNode start(
      WorkerLaunch launch, String name, List<String> devices, int perDevice, Path logDir, PrintWriter out) {
    WorkerNode node = new WorkerNode(launch, logDir, out);
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
    for (String device : devices) {
      for (int copy = 1; copy <= perDevice; copy++) {
        String workerId = workerId(name, device, copy);
        node.workerIds.add(workerId);
        node.startWorker(workerId, device);
      }
    }
    return node;
  }

  /** The id of the {@code copy}-th worker process of {@code device}, counting from 1. */
  private static String workerId(String name, String device, int copy) {
    return name + "/" + WorkerLaunch.processName(device, copy);
  }

  /** The ids of the workers, in the order they were started. */
  public List<String> workerIds() {
    return List.copyOf(workerIds);
  }

  private void startWorker(String workerId, String device) {
    if (closed.getCount() == 0) {
      return;
    }
    try {
      Path log = logDir.resolve("worker-" + workerId.replace('/', '-') + ".log");
      Process process = launch.process(device, workerId, log).start();
      processes.put(workerId, process);
      process.onExit().thenAccept(ended -> restartLater(workerId, device, ended.exitValue(), log));
    } catch (IOException e) {
      say("worker %s could not start (%s); trying again", workerId, e.getMessage());
      restarts.schedule(() -> startWorker(workerId, device), RESTART_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void restartLater(String workerId, String device, int exitValue, Path log) {
    if (closed.getCount() == 0) {
      return;
    }
    Optional<String> refused = WorkerExit.refusal(exitValue, log);
    if (refused.isPresent()) {
      refusal.compareAndSet(null, "worker " + workerId + " cannot drive " + device + ": " + refused.get());
      closed.countDown();
      return;
    }
    say("worker %s exited with status %d; starting it again", workerId, exitValue);
    restarts.schedule(() -> startWorker(workerId, device), RESTART_DELAY_MS, TimeUnit.MILLISECONDS);
  }

  private synchronized void say(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }

  /**
   * Blocks until {@link #close()} or until a worker refused its device; the workers keep running
   * and are restarted as needed meanwhile.
   */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Why the node stopped by itself: the first worker that refused its device, and its reason. */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal.get());
  }

  @Override
  public void close() {
    closed.countDown();
    restarts.shutdownNow();
    WorkerLaunch.stop(processes.values());
  }
}
