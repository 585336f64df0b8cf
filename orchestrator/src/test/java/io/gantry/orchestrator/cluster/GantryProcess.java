package io.gantry.orchestrator.cluster;

import io.gantry.orchestrator.cli.GantryCli;
import io.gantry.orchestrator.run.WorkerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code gantry} command running in a process of its own, as on a machine of its own. */
final class GantryProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private GantryProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static GantryProcess start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dai.djl.offline=true");
    command.add("-D" + WorkerLaunch.CLASSPATH_PROPERTY + "=" + System.getProperty(WorkerLaunch.CLASSPATH_PROPERTY));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(GantryCli.class.getName());
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new GantryProcess(process, log);
  }

  /** What the process printed so far. */
  String output() throws IOException {
    return Files.readString(log);
  }

  /** {@code kill -9} of the process and of every process it started: the machine is gone. */
  void killMachine() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> child).join();
    }
  }

  /** Stops the process as Ctrl-C would, so that it closes its store; kills it if it does not end. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      killMachine();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
