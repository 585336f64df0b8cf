package io.gantry.worker.train;

import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.CheckpointFolders;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Examples;
import io.gantry.worker.model.ImageGrid;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.trial.TrialListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files a trial writes at the end of each epoch, under its artifact folder: {@code
 * samples/epoch-NNN.png}, the recipe's other pictures as {@code <kind>/epoch-NNN.png} (a latent
 * traversal, an interpolation, a class grid), and {@code checkpoints/epoch-NNN/} ({@link
 * Checkpoint}), whose {@code trial.properties} also says how the weights were made.
 */
final class EpochArtifacts {

  private final Path root;
  private final TrialSpec spec;
  private final Hyperparams params;
  private final Examples test;
  private final Optional<String> fidExtractor;

  EpochArtifacts(TrialSpec spec, Hyperparams params, Examples test, Optional<String> fidExtractor) {
    this.root = Path.of(spec.artifactDir());
    this.spec = spec;
    this.params = params;
    this.test = test;
    this.fidExtractor = fidExtractor;
  }

  /** Draws the recipe's samples and pictures; call it with grad mode off. */
  void writePictures(
      ModelRecipe recipe, int epoch, long step, NDManager manager, TrialListener listener)
      throws IOException {
    float[] generated = recipe.samples(SamplePicture.examplesFor(test), manager).toFloatArray();
    Path file = pictureFile("samples", epoch);
    SamplePicture.write(file, generated, test);
    listener.onArtifact("samples", epoch, step, file);
    for (Map.Entry<String, ImageGrid> picture :
        new TreeMap<>(recipe.pictures(manager)).entrySet()) {
      Path grid = pictureFile(picture.getKey(), epoch);
      SamplePicture.write(grid, picture.getValue(), test);
      listener.onArtifact(picture.getKey(), epoch, step, grid);
    }
  }

  private Path pictureFile(String kind, int epoch) {
    return root.resolve(kind).resolve(String.format("epoch-%03d.png", epoch));
  }

  /** Saves the recipe at {@code next}, the position the trial goes on from. */
  void writeCheckpoint(ModelRecipe recipe, int epoch, LoopPosition next, TrialListener listener)
      throws IOException {
    Path folder = CheckpointFolders.ofEpoch(root, epoch);
    Checkpoint.write(folder, recipe, next, provenance(epoch, next.step()));
    listener.onArtifact(CheckpointFolders.KIND, epoch, next.step(), folder);
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
    fidExtractor.ifPresent(extractor -> lines.add("fid.extractor=" + extractor));
    params.asMap().forEach((name, value) -> lines.add("param." + name + "=" + value));
    return lines;
  }
}
