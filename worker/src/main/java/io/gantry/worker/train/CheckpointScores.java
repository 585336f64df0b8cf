package io.gantry.worker.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.idx.IdxReader;
import io.gantry.protocol.trial.ScoreRequest;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.model.ImageGrid;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.model.OutlierScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Ranks the images of an IDX file by a trial's {@link OutlierScore}, restored from its checkpoint,
 * least likely first, and draws the least likely ones. Runs DJL on the calling thread.
 */
public final class CheckpointScores {

  /** The {@code top} least likely images: their indices in the file and their scores, in rank order. */
  public record Ranking(int[] indices, float[] scores) {}

  private static final int GRID_COLUMNS = 10;

  private CheckpointScores() {}

  /**
   * The ranking {@code request} asks for, its picture written.
   *
   * @throws IllegalArgumentException if the model gives no score, the checkpoint is of another
   *     model, or the images are not the size the trial trained on
   * @throws IOException if a file is missing or not IDX
   */
  public static Ranking rank(ScoreRequest request) throws IOException {
    Examples images = Examples.ofImages(IdxReader.read(Path.of(request.images())), 0);
    // the recipe needs the trial's data: the autoencoders centre their input on its mean image
    try (RestoredRecipe restored =
        RestoredRecipe.open(
            request.model(), request.params(), request.dataset(), Path.of(request.checkpoint()), request.seed())) {
      int[] shape = restored.data().test().exampleShape();
      if (!Arrays.equals(shape, images.exampleShape())) {
        throw new IllegalArgumentException(
            "the images of " + request.images() + " are " + size(images.exampleShape()) + ", the trial's are " + size(shape));
      }
      OutlierScore score =
          restored
              .recipe()
              .outlierScore()
              .orElseThrow(() -> new IllegalArgumentException(request.model() + " gives no score of how likely an image is"));
      Engine.getInstance().setRandomSeed(Long.hashCode(request.seed()));
      float[] scores = GradMode.withoutGradients(() -> score.scoresOf(images, restored.manager()));
      int[] top =
          IntStream.range(0, scores.length)
              .boxed()
              .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
              .limit(request.top())
              .mapToInt(Integer::intValue)
              .toArray();
      float[] topScores = new float[top.length];
      for (int k = 0; k < top.length; k++) {
        topScores[k] = scores[top[k]];
      }
      SamplePicture.write(Path.of(request.picture()), grid(images, top), shape);
      return new Ranking(top, topScores);
    }
  }

  /** The images at {@code indices}, row after row of {@value #GRID_COLUMNS}, the last row padded black. */
  private static ImageGrid grid(Examples images, int[] indices) {
    int columns = Math.min(GRID_COLUMNS, Math.max(1, indices.length));
    int rows = Math.max(1, (indices.length + columns - 1) / columns);
    float[] pixels = new float[rows * columns * images.features()];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(images.values(indices[k], indices[k] + 1), 0, pixels, k * images.features(), images.features());
    }
    return new ImageGrid(rows, columns, pixels);
  }

  private static String size(int[] shape) {
    return shape[0] + "x" + shape[1];
  }
}
