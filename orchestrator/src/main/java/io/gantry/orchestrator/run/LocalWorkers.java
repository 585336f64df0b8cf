package io.gantry.orchestrator.run;

import io.gantry.worker.WorkerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    try {
      Files.createDirectories(logDir);
      List<Process> processes = new ArrayList<>();
      for (String device : devices) {
        String id = device.replace(':', '-');
        ProcessBuilder builder = new ProcessBuilder(command(device, id, threadsPerTrial, port));
        builder.redirectErrorStream(true).redirectOutput(logDir.resolve("worker-" + id + ".log").toFile());
        if (device.startsWith("gpu:")) {
          builder.environment().put("CUDA_VISIBLE_DEVICES", device.substring("gpu:".length()));
        }
        processes.add(builder.start());
      }
      return new LocalWorkers(processes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker processes", e);
    }
  }

  private static List<String> command(String device, String id, int threads, int port) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(
        java.toString(),
        "-Xmx1g",
        "-Dai.djl.pytorch.num_threads=" + threads,
        "-Dai.djl.pytorch.num_interop_threads=1",
        "-Dai.djl.offline=true",
        "-cp",
        System.getProperty("java.class.path"),
        WorkerMain.class.getName(),
        "--join", "127.0.0.1:" + port,
        "--device", device,
        "--threads", Integer.toString(threads),
        "--id", id,
        "--exit-with-parent");
  }

  /** Completes when every worker process has exited, whatever the reason. */
  public CompletableFuture<Void> allExited() {
    return CompletableFuture.allOf(processes.stream().map(Process::onExit).toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
