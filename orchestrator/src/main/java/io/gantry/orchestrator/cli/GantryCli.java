package io.gantry.orchestrator.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gantry} command. */
@Command(
    name = "gantry",
    mixinStandardHelpOptions = true,
    version = "gantry 0.1.0",
    description = "Hyperparameter sweeps of generative models.",
    subcommands = {
      RunCommand.class, ExtendCommand.class, ReplayCommand.class, ValidateCommand.class, ShowCommand.class, ListCommand.class, MlflowServerCommand.class,
      ServeCommand.class, CoordinatorCommand.class, WorkerCommand.class, SubmitCommand.class, StatusCommand.class,
      MlflowSyncCommand.class, RegisterCommand.class, ArithmeticCommand.class, ScoreCommand.class
    })
public final class GantryCli {

  /** Bad input: a sweep file with errors, an unknown sweep, a wrong option. */
  static final int EXIT_BAD_INPUT = 2;

  public static void main(String[] args) {
    // Logging starts here, before Pekko's threads log concurrently while SLF4J initialises.
    LoggerFactory.getLogger(GantryCli.class).debug("gantry {}", String.join(" ", args));
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new GantryCli());
    commandLine.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println(e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return EXIT_BAD_INPUT;
        });
    int code = commandLine.execute(args);
    // print() does not flush picocli's writers, and main exits right after
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return code;
  }
}
