package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.tracking.MlflowSync;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry mlflow-sync [SWEEP]}: delivers what the data folder's outbox still holds for MLflow. */
@Command(
    name = "mlflow-sync",
    description = "Deliver to MLflow what the data folder's outbox still holds (of one sweep, or of all), then exit.")
final class MlflowSyncCommand implements Callable<Integer> {

  @Mixin private DataDirOption dataDir;

  @Mixin private MlflowOption mlflow;

  @Parameters(arity = "0..1", paramLabel = "SWEEP", description = "a sweep id or name (default: every sweep)")
  private String sweep;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Optional<MlflowSync> sync = mlflow.sync(dataDir.resolve(), "mlflow-sync", err);
    if (sync.isEmpty()) {
      return GantryCli.EXIT_BAD_INPUT;
    }
    Optional<String> sweepId;
    try (H2RunStore store = H2RunStore.open(dataDir.resolve())) {
      if (sweep == null) {
        sweepId = Optional.empty();
      } else {
        Optional<SweepRecord> found = dataDir.sweep(store, sweep, err);
        if (found.isEmpty()) {
          return GantryCli.EXIT_BAD_INPUT;
        }
        sweepId = Optional.of(found.get().id());
      }
    }
    MlflowSync.Report report = sync.get().deliver(sweepId, mlflow.waitLimit());
    out.println(describe(report, sync.get().server()));
    out.flush();
    return report.pending() == 0 ? 0 : 1;
  }

  /** What a sync did, as {@code gantry mlflow-sync} and {@code gantry register} say it. */
  static String describe(MlflowSync.Report report, String server) {
    StringBuilder text = new StringBuilder(String.format("mlflow: %d entries delivered to %s", report.delivered(), server));
    if (report.rejected() > 0) {
      text.append(String.format("; %d refused by MLflow and set aside (see the warnings above)", report.rejected()));
    }
    if (report.pending() > 0) {
      text.append(String.format("; %d still wait in the outbox", report.pending()));
      report.failure().ifPresent(f -> text.append(" (").append(f).append(')'));
    }
    return text.toString();
  }
}
