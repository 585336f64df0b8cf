package io.gantry.orchestrator.cli;

import java.nio.file.Path;
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
}
