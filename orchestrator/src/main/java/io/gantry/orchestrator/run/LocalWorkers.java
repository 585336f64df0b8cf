package io.gantry.orchestrator.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Worker processes on this machine, one per device, started as children of the coordinator's
 * process. Their standard input stays an open pipe that they watch: when this process ends,
 * even by {@code kill -9}, the pipe closes and they exit.
 */
public final class LocalWorkers implements AutoCloseable {

  private final List<Process> processes;

  private LocalWorkers(List<Process> processes) {
    this.processes = processes;
  }

  /** Starts one worker per device, each joining the coordinator at 127.0.0.1:{@code port}. */
  public static LocalWorkers start(List<String> devices, int threadsPerTrial, int port, Path logDir) {
    WorkerLaunch launch = new WorkerLaunch("127.0.0.1", port, "127.0.0.1", threadsPerTrial);
    try {
      Files.createDirectories(logDir);
      List<Process> processes = new ArrayList<>();
      for (String device : devices) {
        String id = device.replace(':', '-');
        processes.add(launch.process(device, id, logDir.resolve("worker-" + id + ".log")).start());
      }
      return new LocalWorkers(processes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker processes", e);
    }
  }

  /** Completes when every worker process has exited, whatever the reason. */
  public CompletableFuture<Void> allExited() {
    return CompletableFuture.allOf(processes.stream().map(Process::onExit).toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {
    WorkerLaunch.stop(processes);
  }
}
