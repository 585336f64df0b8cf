package io.gantry.orchestrator.run;

import io.gantry.protocol.WorkerExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Worker processes on this machine, one per device, started as children of the coordinator's
 * process. Their standard input stays an open pipe that they watch: when this process ends,
 * even by {@code kill -9}, the pipe closes and they exit.
 */
public final class LocalWorkers implements AutoCloseable {

  private final List<Process> processes;
  private final List<Path> logs;

  private LocalWorkers(List<Process> processes, List<Path> logs) {
    this.processes = processes;
    this.logs = logs;
  }

  /**
   * Starts one worker per entry of {@code devices}, each joining the coordinator at
   * 127.0.0.1:{@code port}; a device listed K times gets K processes ({@code gpu-0}, {@code
   * gpu-0.2}, ...).
   */
  public static LocalWorkers start(List<String> devices, int threadsPerTrial, int port, Path logDir) {
    WorkerLaunch launch = new WorkerLaunch("127.0.0.1", port, "127.0.0.1", threadsPerTrial);
    try {
      Files.createDirectories(logDir);
      List<Process> processes = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      Map<String, Integer> copies = new HashMap<>();
      for (String device : devices) {
        String id = WorkerLaunch.processName(device, copies.merge(device, 1, Integer::sum));
        logs.add(logDir.resolve("worker-" + id + ".log"));
        processes.add(launch.process(device, id, logs.get(logs.size() - 1)).start());
      }
      return new LocalWorkers(processes, logs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker processes", e);
    }
  }

  /** Completes when every worker process has exited, whatever the reason. */
  public CompletableFuture<Void> allExited() {
    return CompletableFuture.allOf(processes.stream().map(Process::onExit).toArray(CompletableFuture[]::new));
  }

  /** Why the first worker that refused its device did ({@link WorkerExit#NO_DEVICE}), if one did. */
  public Optional<String> refusal() {
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      if (!process.isAlive()) {
        Optional<String> refused = WorkerExit.refusal(process.exitValue(), logs.get(i));
        if (refused.isPresent()) {
          return refused;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    WorkerLaunch.stop(processes);
  }
}
