package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry validate FILE}: checks a sweep file and says what it would run. */
@Command(name = "validate", description = "Check a sweep file without running it.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the sweep file")
  private Path file;

  @Spec private CommandSpec command;

  @Override
  public Integer call() {
    try {
      SweepSpec spec = SweepSpecParser.parse(file);
      command.commandLine().getOut().printf(
          "%s: ok: sweep '%s', %s of %s on %s, %d trial(s), metric %s (%s)%n",
          file, spec.name(), spec.method().yamlName(), spec.model(), spec.dataset().kind(), spec.maxTrials(),
          spec.metric().name(), spec.metric().goal().yamlName());
      return 0;
    } catch (SweepSpecException e) {
      command.commandLine().getErr().println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
  }
}
