package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.tracking.TrackingLinks;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry show SWEEP [--json] [--importance] [--mlflow URL]}: one sweep and its trials, and their MLflow runs. */
@Command(name = "show", description = "Show a sweep and its trials: parameters, status, metrics, artifacts.")
final class ShowCommand implements Callable<Integer> {

  @Mixin private DataDirOption dataDir;

  @Mixin private MlflowOption mlflow;

  @Parameters(paramLabel = "SWEEP", description = "a sweep id, or a sweep name for its newest run")
  private String sweep;

  @Option(names = "--json", description = "print one JSON document, metric histories included")
  private boolean json;

  @Option(names = "--importance", description = "add how much each parameter moved the sweep's metric (share of its variance)")
  private boolean importance;

  @Spec private CommandSpec command;

  @Override
  public Integer call() {
    TrackingLinks links;
    try {
      links = mlflow.links(dataDir.resolve());
    } catch (IllegalArgumentException e) {
      command.commandLine().getErr().println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    try (H2RunStore store = H2RunStore.open(dataDir.resolve());
        links) {
      Optional<SweepRecord> found = dataDir.sweep(store, sweep, command.commandLine().getErr());
      if (found.isEmpty()) {
        return GantryCli.EXIT_BAD_INPUT;
      }
      SweepReport report = SweepReport.of(store, found.get());
      var out = command.commandLine().getOut();
      if (json) {
        Map<String, Object> document = report.fullJson(store, links);
        if (importance) {
          document.putAll(report.importanceJson());
        }
        out.println(Json.write(document));
      } else {
        out.print(report.describe());
        out.print(report.leaderboard());
        out.print(report.artifactList(store));
        out.print(report.trackingLinks(links));
        if (importance) {
          out.print(report.importanceTable());
        }
      }
      return 0;
    }
  }
}
