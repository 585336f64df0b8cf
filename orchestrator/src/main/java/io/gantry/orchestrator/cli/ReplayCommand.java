package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.LineageTrace;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.sweep.Method;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry replay SWEEP TRIAL}: the sweep file of {@code method: replay} that trains one
 * member of a pbt sweep again in one trial, from where its line started, with its parameters
 * changing at the steps where the line copied a checkpoint ({@link LineageTrace}), as Ray Tune's
 * {@code PopulationBasedTrainingReplay} does from a policy log.
 */
@Command(name = "replay", description = "Write the sweep file that replays one member of a pbt sweep in one trial.")
final class ReplayCommand implements Callable<Integer> {

  /** The sweep file's settings a replay has no use for: its one trial is not searched, stopped early or bred. */
  private static final List<String> NOT_REPLAYED = List.of("max_trials", "seed", "early_terminate", "tpe", "nsga2", "population", "pbt");
  private static final List<String> DATA_FILES = List.of("images", "labels", "test_images", "test_labels", "input_images", "test_input_images");
  private static final String SUFFIX = "-replay-";

  @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep id, or a sweep name for its newest run")
  private String sweep;

  @Parameters(index = "1", paramLabel = "TRIAL", description = "a member's trial id (gantry show SWEEP lists them)")
  private String trial;

  @Option(names = "--out", paramLabel = "FILE", description = "where to write the sweep file (default: print it)")
  private Path out;

  @Mixin private DataDirOption dataDir;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    Path data = dataDir.resolve();
    try (H2RunStore store = H2RunStore.open(data)) {
      Optional<SweepRecord> found = dataDir.sweep(store, sweep, err);
      if (found.isEmpty()) {
        return GantryCli.EXIT_BAD_INPUT;
      }
      SweepRecord record = found.get();
      SweepSpec spec;
      try {
        spec = SweepSubmission.storedSpec(record);
      } catch (SweepSpecException e) {
        err.println("cannot replay " + record.id() + ": " + e.getMessage());
        return GantryCli.EXIT_BAD_INPUT;
      }
      if (spec.method() != Method.PBT) {
        err.println("sweep " + record.id() + " is of method " + spec.method().yamlName() + "; replay takes a member of a pbt sweep");
        return GantryCli.EXIT_BAD_INPUT;
      }
      Map<String, TrialRecord> trials = store.trials(record.id()).stream().collect(Collectors.toMap(TrialRecord::trialId, Function.identity()));
      if (!trials.containsKey(trial)) {
        err.println("sweep " + record.id() + " has no trial '" + trial + "'; it has " + String.join(", ", trials.keySet().stream().sorted().toList()));
        return GantryCli.EXIT_BAD_INPUT;
      }
      LineageTrace trace;
      try {
        trace = LineageTrace.of(trial, trials, store.lineage(record.id()), spec.searched().keySet());
      } catch (IllegalArgumentException e) {
        err.println("cannot replay " + trial + " of " + record.id() + ": " + e.getMessage());
        return GantryCli.EXIT_BAD_INPUT;
      }
      String text = replayFile(record, spec, trace);
      if (out == null) {
        command.commandLine().getOut().print(text);
      } else {
        Files.writeString(out, text);
        command.commandLine().getOut().printf("wrote %s: gantry run %s trains %s of %s again in one trial%n", out, out, trial, record.id());
      }
      return 0;
    }
  }

  /** The sweep's own file with the replay's method, name, parameters and changes, and its data files at absolute paths. */
  private String replayFile(SweepRecord record, SweepSpec spec, LineageTrace trace) {
    Map<String, Object> file = new LinkedHashMap<>(new Yaml().<Map<String, Object>>load(record.specYaml()));
    String suffix = SUFFIX + trial;
    String name = record.name();
    file.put("name", name.substring(0, Math.min(name.length(), SweepSpec.MOST_NAME_LENGTH - suffix.length())) + suffix);
    file.put("method", Method.REPLAY.yamlName());
    NOT_REPLAYED.forEach(file::remove);
    if (file.get("dataset") instanceof Map<?, ?> dataset) {
      Map<Object, Object> absolute = new LinkedHashMap<>(dataset);
      Path folder = spec.source().toAbsolutePath().getParent();
      DATA_FILES.stream()
          .filter(key -> absolute.get(key) instanceof String)
          .forEach(key -> absolute.put(key, folder.resolve((String) absolute.get(key)).normalize().toString()));
      file.put("dataset", absolute);
    }
    file.put("parameters", values(trace.start()));
    Map<String, Object> replay = new LinkedHashMap<>();
    replay.put("seed", trace.seed());
    replay.put("changes", trace.changes().stream().map(c -> {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("step", c.step());
      change.put("params", values(c.params()));
      return change;
    }).toList());
    file.put("replay", replay);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return "# " + trial + " of sweep " + record.id() + ", replayed by gantry replay from its lineage\n" + new Yaml(options).dump(file);
  }

  /** {@code {name: {value: x}}}, in name order. */
  private static Map<String, Object> values(Map<String, Object> params) {
    Map<String, Object> values = new LinkedHashMap<>();
    params.keySet().stream().sorted().forEach(name -> values.put(name, Map.of("value", params.get(name))));
    return values;
  }
}
