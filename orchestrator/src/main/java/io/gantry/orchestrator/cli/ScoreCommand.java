package io.gantry.orchestrator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.run.WorkerLaunch;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.idx.IdxReader;
import io.gantry.protocol.transfer.Folders;
import io.gantry.protocol.trial.ScoreRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry score SWEEP TRIAL --images FILE.idx [--top N] [--out FILE.png]}: the images of an
 * IDX file the trial finds least likely, by the score {@code val/outlier_auroc} measures, in a
 * table and a PNG grid. The scoring needs DJL, so it runs in a worker process of this machine
 * started from the worker classpath, which restores the trial from its newest checkpoint.
 */
@Command(
    name = "score",
    description = "Rank the images of an IDX file by how unlikely a trial finds them, least likely first; print the top N and draw them.")
final class ScoreCommand implements Callable<Integer> {

  private static final int MOST_SHOWN = 1000;

  @Mixin private DataDirOption dataDir;

  @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep id, or a sweep name for its newest run")
  private String sweep;

  @Parameters(index = "1", paramLabel = "TRIAL", description = "a trial id (gantry show SWEEP lists them)")
  private String trial;

  @Option(names = "--images", required = true, paramLabel = "FILE", description = "an IDX image file (gzipped or not) of the trial's image size")
  private Path images;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "how many of the least likely images to show (default: ${DEFAULT-VALUE})")
  private int top;

  @Option(names = "--out", paramLabel = "FILE", description = "the PNG grid of those images (default: SWEEP-TRIAL-outliers.png here)")
  private Path out;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = command.commandLine().getErr();
    if (top < 1 || top > MOST_SHOWN) {
      err.println("--top: expected 1 to " + MOST_SHOWN + ", got " + top);
      return GantryCli.EXIT_BAD_INPUT;
    }
    Optional<String> notImages = notImages(images.toAbsolutePath());
    if (notImages.isPresent()) {
      err.println("--images: " + notImages.get());
      return GantryCli.EXIT_BAD_INPUT;
    }
    ScoreRequest request;
    Path work;
    try (H2RunStore store = H2RunStore.open(dataDir.resolve())) {
      Optional<SweepRecord> record = dataDir.sweep(store, sweep, err);
      if (record.isEmpty()) {
        return GantryCli.EXIT_BAD_INPUT;
      }
      String sweepId = record.get().id();
      Optional<TrialRecord> found = store.trials(sweepId).stream().filter(t -> t.trialId().equals(trial)).findFirst();
      if (found.isEmpty()) {
        err.println("no trial '" + trial + "' in sweep " + sweepId + " (gantry show " + sweepId + " lists them)");
        return GantryCli.EXIT_BAD_INPUT;
      }
      String model = record.get().model();
      if (!ModelCatalog.scoresImages(model)) {
        err.println("model " + model + " gives no score of how likely an image is (scored: the VAE, autoencoders, gan and dcgan)");
        return GantryCli.EXIT_BAD_INPUT;
      }
      Optional<Path> checkpoint = store.latestCheckpoint(sweepId, trial);
      if (checkpoint.isEmpty()) {
        err.println("trial " + trial + " of sweep " + sweepId + " has no checkpoint yet");
        return GantryCli.EXIT_BAD_INPUT;
      }
      work = Files.createTempDirectory("gantry-score-");
      Path picture = (out != null ? out : Path.of(sweepId + "-" + trial + "-outliers.png")).toAbsolutePath();
      request =
          new ScoreRequest(
              model, found.get().params(), SweepSubmission.storedSpec(record.get()).dataset(), checkpoint.get().toString(),
              images.toAbsolutePath().toString(), top, picture.toString(), work.resolve("result.txt").toString(), found.get().seed());
    }
    return score(request, work, err);
  }

  /** Why {@code file} is not an IDX image file, read here so that a wrong file starts no worker. */
  private static Optional<String> notImages(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.of("file not found: " + file);
    }
    try {
      int[] dims = IdxReader.read(file).dims();
      return dims.length == 3
          ? Optional.empty()
          : Optional.of("IDX file " + file + " has dimensions " + Arrays.toString(dims) + ", not images [count, rows, cols]");
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }

  private int score(ScoreRequest request, Path work, PrintWriter err) throws IOException, InterruptedException {
    Path requestFile = work.resolve("request.json");
    new ObjectMapper().writeValue(requestFile.toFile(), request);
    Path log = work.resolve("score.log");
    int threads = Runtime.getRuntime().availableProcessors();
    int status = WorkerLaunch.scoring(requestFile, threads, log).start().waitFor();
    Path result = Path.of(request.result());
    if (!Files.isRegularFile(result)) {
      err.println("scoring failed with exit code " + status + "; its output is in " + log);
      return 1;
    }
    List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
    Folders.deleteTree(work);
    if (!lines.isEmpty() && lines.get(0).startsWith(ScoreRequest.REFUSED + " ")) {
      err.println(lines.get(0).substring(ScoreRequest.REFUSED.length() + 1));
      return GantryCli.EXIT_BAD_INPUT;
    }
    TextTable table = new TextTable("rank", "index", "score");
    for (int k = 0; k < lines.size(); k++) {
      String[] fields = lines.get(k).split(" ");
      table.row(List.of(Integer.toString(k + 1), fields[1], fields[2]));
    }
    PrintWriter out = command.commandLine().getOut();
    out.printf("the %d image(s) of %s that trial %s finds least likely (higher score = less likely):%n", lines.size(), request.images(), trial);
    out.print(table.render());
    out.println("picture: " + request.picture());
    out.flush();
    return 0;
  }
}
