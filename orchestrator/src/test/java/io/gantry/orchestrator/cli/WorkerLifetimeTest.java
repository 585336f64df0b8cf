package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.run.WorkerLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker processes follow the coordinator's process, even when it dies by {@code kill -9}. */
class WorkerLifetimeTest {

  private static final String LONG_SWEEP =
      """
      name: lifetime
      model: gan
      dataset: gaussian-2d
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {steps: 1000000}
      parameters:
        g_hidden: {value: 0}
        latent_dim: {value: 2}
        lr_d: {values: [0.05, 0.02]}
      """;

  @TempDir Path dir;

  @Test
  void workersExitWhenTheCoordinatorIsKilled() throws Exception {
    Path file = dir.resolve("lifetime.yaml");
    Files.writeString(file, LONG_SWEEP);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process coordinator =
        new ProcessBuilder(
                java.toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + WorkerLaunch.CLASSPATH_PROPERTY + "=" + System.getProperty(WorkerLaunch.CLASSPATH_PROPERTY),
                GantryCli.class.getName(),
                "run", file.toString(), "--data-dir", dir.resolve("data").toString(), "--workers", "2")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("coordinator.log").toFile())
            .start();
    try {
      List<ProcessHandle> workers = awaitWorkers(coordinator, 2);

      coordinator.destroyForcibly().waitFor();

      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (workers.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive), "worker processes outlived the coordinator");
    } finally {
      coordinator.descendants().forEach(ProcessHandle::destroyForcibly);
      coordinator.destroyForcibly();
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("coordinator.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private List<ProcessHandle> awaitWorkers(Process coordinator, int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<ProcessHandle> workers = List.of();
    while (workers.size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      // the coordinator's only child processes are its workers
      workers = coordinator.children().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
    }
    assertEquals(count, workers.size(), () -> "worker processes started; the coordinator said:\n" + log());
    return workers;
  }
}
