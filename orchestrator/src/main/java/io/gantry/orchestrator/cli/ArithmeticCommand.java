package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.run.WorkerClasses;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.protocol.trial.ClassArithmetic;
import java.io.IOException;
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
 * {@code gantry arithmetic SWEEP TRIAL EXPRESSION [--out FILE.png]}: vector arithmetic on class
 * codes, drawn from the trial's latest checkpoint in this process (the worker's classes loaded from
 * the worker classpath): each class of the expression decoded, then the expression.
 */
@Command(
    name = "arithmetic",
    description = {
      "Draw vector arithmetic on class codes from a trial's latest checkpoint (vae, aae, cgan): each class of the expression decoded, then the expression, as a PNG.",
      "EXPRESSION: class names joined by + and -, each with an optional coefficient, e.g. \"sneaker - sandal + ankle_boot\" or \"2*coat - dress\"; classes of a data set without names are its indices."
    })
final class ArithmeticCommand implements Callable<Integer> {

  @Mixin private DataDirOption dataDir;

  @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep id, or a sweep name for its newest run")
  private String sweep;

  @Parameters(index = "1", paramLabel = "TRIAL", description = "a trial id")
  private String trial;

  @Parameters(index = "2", paramLabel = "EXPRESSION", description = "class names joined by + and -")
  private String expression;

  @Option(names = "--out", paramLabel = "FILE.png", description = "where to write the picture (default: SWEEP-TRIAL-arithmetic.png here)")
  private Path out;

  @Option(names = "--seed", defaultValue = "0", description = "seeds the z a cgan draws each code with (default: ${DEFAULT-VALUE})")
  private long seed;

  @Spec private CommandSpec command;

  /** What the store says the picture is drawn from. */
  private record Source(SweepRecord sweep, TrialRecord trial, Path checkpoint) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    Optional<Source> source;
    try (H2RunStore store = H2RunStore.open(dataDir.resolve())) {
      source = source(store, err);
    }
    if (source.isEmpty()) {
      return GantryCli.EXIT_BAD_INPUT;
    }
    SweepRecord record = source.get().sweep();
    Path file = (out != null ? out : Path.of(record.id() + "-" + trial + "-arithmetic.png")).toAbsolutePath();
    try {
      WorkerClasses.use(
          ClassArithmetic.class,
          arithmetic -> {
            arithmetic.draw(record.model(), source.get().trial().params(), SweepSubmission.storedSpec(record).dataset(), source.get().checkpoint(), expression, seed, file);
            return file;
          });
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    command.commandLine().getOut().println(file);
    return 0;
  }

  private Optional<Source> source(H2RunStore store, PrintWriter err) {
    Optional<SweepRecord> record = dataDir.sweep(store, sweep, err);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    String id = record.get().id();
    Optional<TrialRecord> found = store.trials(id).stream().filter(t -> t.trialId().equals(trial)).findFirst();
    if (found.isEmpty()) {
      err.println("no trial '" + trial + "' in sweep " + id + " (gantry show " + id + " lists them)");
      return Optional.empty();
    }
    Optional<Path> checkpoint = store.latestCheckpoint(id, trial);
    if (checkpoint.isEmpty()) {
      err.println("trial " + trial + " of sweep " + id + " has no checkpoint yet");
      return Optional.empty();
    }
    return Optional.of(new Source(record.get(), found.get(), checkpoint.get()));
  }
}
