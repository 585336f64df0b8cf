package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where all state lives: {@code --data-dir}, else {@code $GANTRY_HOME}, else {@code ./gantry-data}. */
final class DataDirOption {

  @Option(names = "--data-dir", paramLabel = "DIR", description = "the data folder (default: $GANTRY_HOME, else ./gantry-data)")
  private Path dataDir;

  Path resolve() {
    if (dataDir != null) {
      return dataDir.toAbsolutePath();
    }
    String home = System.getenv("GANTRY_HOME");
    return Path.of(home != null && !home.isBlank() ? home : "gantry-data").toAbsolutePath();
  }

  /** The sweep {@code idOrName} (an id, or a name for its newest run) in {@code store}, this folder's; when there is none, says so on {@code err}. */
  Optional<SweepRecord> sweep(RunStore store, String idOrName, PrintWriter err) {
    Optional<SweepRecord> found = store.sweep(idOrName);
    if (found.isEmpty()) {
      err.println("no sweep '" + idOrName + "' in " + resolve() + " (gantry list shows them)");
    }
    return found;
  }
}
