package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.tracking.MlflowSync;
import io.gantry.orchestrator.view.SweepSummary;
import io.gantry.orchestrator.view.TrialSummary;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry register SWEEP [TRIAL]}: the trial (by default the sweep's best) as a new version
 * of the MLflow registered model named after the sweep, as a finished sweep's best is registered.
 */
@Command(
    name = "register",
    description = "Register a trial (default: the sweep's best) in MLflow's model registry, as a version of the model named after the sweep.")
final class RegisterCommand implements Callable<Integer> {

  @Mixin private DataDirOption dataDir;

  @Mixin private MlflowOption mlflow;

  @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep id, or a sweep name for its newest run")
  private String sweep;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TRIAL", description = "a trial id (default: the one with the best objective)")
  private String trial;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Optional<MlflowSync> found = mlflow.sync(dataDir.resolve(), "register", err);
    if (found.isEmpty()) {
      return GantryCli.EXIT_BAD_INPUT;
    }
    MlflowSync sync = found.get();
    try (H2RunStore store = H2RunStore.open(dataDir.resolve())) {
      Optional<SweepRecord> record = dataDir.sweep(store, sweep, err);
      if (record.isEmpty()) {
        return GantryCli.EXIT_BAD_INPUT;
      }
      SweepSummary summary = SweepSummary.read(store, record.get());
      Optional<TrialSummary> chosen =
          trial == null ? summary.best() : summary.trials().stream().filter(t -> t.record().trialId().equals(trial)).findFirst();
      if (chosen.isEmpty()) {
        err.println(
            trial == null
                ? "sweep " + record.get().id() + " has no trial with " + record.get().metricName() + " to register"
                : "no trial '" + trial + "' in sweep " + record.get().id() + " (gantry show " + record.get().id() + " lists them)");
        return GantryCli.EXIT_BAD_INPUT;
      }
      String trialId = chosen.get().record().trialId();
      if (chosen.get().objective().isEmpty()) {
        err.println("trial " + trialId + " has reported no " + record.get().metricName() + " to register it by");
        return GantryCli.EXIT_BAD_INPUT;
      }
      if (!sync.tracks(record.get().id(), trialId)) {
        err.println(
            "trial " + trialId + " of sweep " + record.get().id() + " was never tracked in " + sync.server()
                + " (a sweep is tracked when it runs with --mlflow)");
        return GantryCli.EXIT_BAD_INPUT;
      }
      MlflowSync.Report report = sync.register(store, record.get(), trialId, chosen.get().objective().getAsDouble(), mlflow.waitLimit());
      out.println(MlflowSyncCommand.describe(report, sync.server()));
      Optional<MlflowSync.RegisteredVersion> version = report.pending() == 0 ? sync.registered(record.get(), trialId) : Optional.empty();
      if (version.isEmpty()) {
        out.println("trial " + trialId + " is not registered yet; its registration waits in the outbox (gantry mlflow-sync delivers it)");
        out.flush();
        return 1;
      }
      out.printf(
          "trial %s (%s = %s) is version %s of model %s: %s%n",
          trialId, record.get().metricName(), chosen.get().objective().getAsDouble(), version.get().version(), version.get().model(), version.get().page());
      out.flush();
      return 0;
    }
  }
}
