package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.store.H2RunStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry list [--json]}: every sweep in the data folder, newest first. */
@Command(name = "list", description = "List the sweeps in the data folder.")
final class ListCommand implements Callable<Integer> {

  @Mixin private DataDirOption dataDir;

  @Option(names = "--json", description = "print one JSON document")
  private boolean json;

  @Spec private CommandSpec command;

  @Override
  public Integer call() {
    try (H2RunStore store = H2RunStore.open(dataDir.resolve())) {
      List<SweepReport> reports = store.sweeps().stream().map(s -> SweepReport.of(store, s)).toList();
      var out = command.commandLine().getOut();
      if (json) {
        out.println(Json.write(reports.stream().map(SweepReport::summaryJson).toList()));
      } else if (reports.isEmpty()) {
        out.println("no sweeps in " + dataDir.resolve());
      } else {
        out.print(SweepReport.sweepTable(reports));
      }
      return 0;
    }
  }
}
