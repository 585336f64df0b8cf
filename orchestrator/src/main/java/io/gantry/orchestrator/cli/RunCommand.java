package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import io.gantry.orchestrator.tracking.SweepTracking;
import io.gantry.protocol.trial.DatasetSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry run FILE}: runs a sweep on this machine and prints its leaderboard; on the workers
 * of the data folder's {@code gantry serve} when one runs, else on worker processes of its own.
 */
@Command(name = "run", description = "Run a sweep on this machine, one worker process per device.")
final class RunCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the sweep file")
  private Path file;

  @Mixin private DataDirOption dataDir;

  @Mixin private LocalRunOptions local;

  @Option(names = "--dry-run", description = "print the trials (or the space), the rungs and the total budget; run and write nothing")
  private boolean dryRun;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = command.commandLine().getErr();
    SweepSpec spec;
    try {
      spec = SweepSpecParser.parse(file);
    } catch (SweepSpecException e) {
      err.println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    if (dryRun) {
      PrintWriter out = command.commandLine().getOut();
      out.print(DryRun.describe(spec));
      out.flush();
      return 0;
    }
    Optional<String> missingData = missingData(spec.dataset());
    if (missingData.isPresent()) {
      err.println(missingData.get());
      return GantryCli.EXIT_BAD_INPUT;
    }
    Path data = dataDir.resolve();
    SweepTracking tracking;
    try {
      tracking = local.tracking(data);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    Optional<RunningServe> serve = RunningServe.find(data);
    if (serve.isPresent() && !serve.get().mayRun(spec.resources())) {
      command.commandLine().getOut().printf(
          "the gantry serve at %s has no worker of the kind this sweep needs (%s); it runs on worker processes of its own%n",
          serve.get().url(), spec.resources().describe());
      serve = Optional.empty();
    }
    try (H2RunStore store = H2RunStore.open(data)) {
      if (serve.isPresent()) {
        return RunOnServe.run(command.commandLine().getOut(), err, store, spec, serve.get(), local, data);
      }
      SweepPlan plan = SweepSubmission.submit(store, spec, data);
      return local.run(command, store, spec, plan, tracking, data);
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
