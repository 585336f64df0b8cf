package io.gantry.worker.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.gantry.worker.data.Examples;
import io.gantry.worker.model.Hyperparams;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialSpec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a trial writes at the end of each epoch, under its artifact folder: {@code
 * samples/epoch-NNN.png} and {@code checkpoints/epoch-NNN/}, which holds one {@code
 * <network>.params} per network ({@link Block#saveParameters}) and a {@code trial.properties}
 * saying how the weights were made.
 */
final class EpochArtifacts {

  private final Path root;
  private final TrialSpec spec;
  private final Hyperparams params;
  private final Examples test;

  EpochArtifacts(TrialSpec spec, Hyperparams params, Examples test) {
    this.root = Path.of(spec.artifactDir());
    this.spec = spec;
    this.params = params;
    this.test = test;
  }

  /** Draws the recipe's samples; call it with grad mode off. */
  void writeSamples(ModelRecipe recipe, int epoch, long step, NDManager manager, TrialListener listener)
      throws IOException {
    float[] generated = recipe.samples(SamplePicture.examplesFor(test), manager).toFloatArray();
    Path file = root.resolve("samples").resolve(String.format("epoch-%03d.png", epoch));
    SamplePicture.write(file, generated, test);
    listener.onArtifact("samples", epoch, step, file);
  }

  /**
   * Saves every network. The files go to a temporary folder first and are moved into place, so
   * a worker killed while writing never leaves a half checkpoint for a resume to find.
   */
  void writeCheckpoint(ModelRecipe recipe, int epoch, long step, TrialListener listener)
      throws IOException {
    Path folder = root.resolve("checkpoints").resolve(String.format("epoch-%03d", epoch));
    Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
    deleteFlat(partial);
    Files.createDirectories(partial);
    for (var network : recipe.networks().entrySet()) {
      Path file = partial.resolve(network.getKey() + ".params");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
        network.getValue().saveParameters(out);
      }
    }
    Files.write(partial.resolve("trial.properties"), provenance(epoch, step), StandardCharsets.UTF_8);
    deleteFlat(folder);
    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
    listener.onArtifact("checkpoint", epoch, step, folder);
  }

  private List<String> provenance(int epoch, long step) {
    List<String> lines = new ArrayList<>();
    lines.add("sweep=" + spec.sweepId());
    lines.add("trial=" + spec.trialId());
    lines.add("model=" + spec.model());
    lines.add("dataset=" + spec.dataset());
    lines.add("seed=" + spec.seed());
    lines.add("epoch=" + epoch);
    lines.add("step=" + step);
    params.asMap().forEach((name, value) -> lines.add("param." + name + "=" + value));
    return lines;
  }

  /** Removes a folder of plain files (checkpoint folders have no subfolders). */
  private static void deleteFlat(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }
}
