package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.Devices;
import io.gantry.orchestrator.run.SweepRun;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import io.gantry.worker.trial.DatasetSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry run FILE}: runs a sweep on this machine and prints its leaderboard. */
@Command(name = "run", description = "Run a sweep on this machine, one worker process per device.")
final class RunCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the sweep file")
  private Path file;

  @Mixin private DataDirOption dataDir;

  @Option(names = "--workers", paramLabel = "N", description = "worker processes (default: the file's workers, else one per GPU, else cores / threads per trial)")
  private Integer workers;

  @Option(names = "--port", paramLabel = "PORT", description = "the coordinator's cluster port (default: a free one)")
  private int port;

  @Spec private CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    SweepSpec spec;
    try {
      spec = SweepSpecParser.parse(file);
    } catch (SweepSpecException e) {
      err.println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    Optional<String> missingData = missingData(spec.dataset());
    if (missingData.isPresent()) {
      err.println(missingData.get());
      return GantryCli.EXIT_BAD_INPUT;
    }
    Path data = dataDir.resolve();
    List<String> devices = Devices.local(workers != null ? workers : spec.workers(), spec.threadsPerTrial());
    Instant started = Instant.now();
    try (H2RunStore store = H2RunStore.open(data)) {
      SweepPlan plan = SweepSubmission.submit(store, spec, data);
      var out = command.commandLine().getOut();
      out.printf("sweep %s: %d trial(s) of %s on %d worker(s) %s%n", plan.sweepId(), store.trials(plan.sweepId()).size(), spec.model(), devices.size(), devices);
      out.flush();
      SweepRun.Settings settings =
          new SweepRun.Settings(devices, spec.threadsPerTrial(), "127.0.0.1", port, data.resolve("logs").resolve(plan.sweepId()));
      boolean ended = SweepRun.run(store, plan, settings, System.out, System.console() != null);
      SweepReport report = SweepReport.of(store, store.sweep(plan.sweepId()).orElseThrow());
      out.println();
      out.print(report.leaderboard());
      out.printf("%nfinished in %ds%n", Duration.between(started, Instant.now()).toSeconds());
      out.println("results: store " + store.file() + ", artifacts " + plan.artifactDir() + ", worker logs " + settings.logDir());
      out.println("details: gantry show " + plan.sweepId() + " [--json]");
      if (!ended) {
        err.println("the sweep stopped before it finished: the coordinator failed or every worker exited; see " + settings.logDir());
        return 1;
      }
      return 0;
    }
  }

  private static Optional<String> missingData(DatasetSpec dataset) {
    if (!DatasetSpec.FASHION_MNIST.equals(dataset.kind())) {
      return Optional.empty();
    }
    Path dir = Path.of(DatasetSpec.FASHION_MNIST_DIR);
    if (Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))) {
      return Optional.empty();
    }
    return Optional.of(
        "Fashion-MNIST is not installed: " + dir + " is missing.\n"
            + "Install it with: sudo apt-get install dataset-fashion-mnist\n"
            + "or point the sweep's dataset at MNIST-format files: {format: idx, images: ..., labels: ...}");
  }
}
