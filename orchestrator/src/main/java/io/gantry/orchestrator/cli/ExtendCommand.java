package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.tracking.SweepTracking;
import java.io.PrintWriter;
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
 * {@code gantry extend SWEEP --max-trials N}: more trials for a sweep. A running sweep's
 * coordinator sees the new count in the store within seconds; a finished one runs the new trials
 * here and now, its search strategy first told every earlier trial (so TPE learns from them), and
 * configurations it already ran are not run again.
 */
@Command(name = "extend", description = "Give a running or finished sweep more trials; a finished one runs them now.")
final class ExtendCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SWEEP", description = "a sweep id, or a sweep name for its newest run")
  private String sweep;

  @Option(names = "--max-trials", paramLabel = "N", required = true, description = "the number of trials the sweep runs in all")
  private int maxTrials;

  @Mixin private DataDirOption dataDir;

  @Mixin private LocalRunOptions local;

  @Spec private CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    if (maxTrials > SweepSpec.MOST_TRIALS) {
      err.println("--max-trials must be at most " + SweepSpec.MOST_TRIALS + ", got " + maxTrials);
      return GantryCli.EXIT_BAD_INPUT;
    }
    Path data = dataDir.resolve();
    try (H2RunStore store = H2RunStore.open(data)) {
      Optional<SweepRecord> found = dataDir.sweep(store, sweep, err);
      if (found.isEmpty()) {
        return GantryCli.EXIT_BAD_INPUT;
      }
      SweepRecord record = found.get();
      SweepSpec spec;
      SweepTracking tracking;
      try {
        spec = SweepSubmission.storedSpec(record);
        tracking = local.tracking(data);
      } catch (SweepSpecException | IllegalArgumentException e) {
        err.println("cannot extend " + record.id() + ": " + e.getMessage());
        return GantryCli.EXIT_BAD_INPUT;
      }
      int current = store.trialLimit(record.id()).orElse(spec.maxTrials());
      if (maxTrials <= current) {
        err.println("sweep " + record.id() + " already runs " + current + " trial(s); --max-trials must be more");
        return GantryCli.EXIT_BAD_INPUT;
      }
      if (store.extendSweep(record.id(), maxTrials) == SweepStatus.RUNNING) {
        command.commandLine().getOut().printf(
            "sweep %s is running: its coordinator starts trials up to %d as workers come free%n", record.id(), maxTrials);
        return 0;
      }
      SweepPlan plan = SweepSubmission.planOf(spec, record.id(), Path.of(record.artifactDir()));
      return local.run(command, store, spec, plan, tracking, data);
    }
  }
}
