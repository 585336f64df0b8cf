package io.gantry.worker.train;

import ai.djl.engine.Engine;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Examples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Images drawn fresh from a trial's checkpoint beside real ones from its data set's test split, at
 * the data set's own resolution, for people to tell apart. Runs DJL on the calling thread, which
 * must be the worker's trial thread: the engine's generator is global and the draw reseeds it, so
 * it never runs while a trial trains (the next trial reseeds it before its first draw).
 */
public final class CheckpointDraws {

  /** What one draw made: PNGs of {@code width} x {@code height}, as many generated as real. */
  public record Images(int width, int height, List<byte[]> generated, List<byte[]> real) {}

  private CheckpointDraws() {}

  /**
   * {@code count} images that {@code model}, with {@code params} and restored from {@code
   * checkpoint}, generates, and {@code count} test images of {@code dataset} picked at random; the
   * same {@code seed} gives the same images.
   *
   * @throws IllegalArgumentException if the model cannot generate, the data are not images or the
   *     checkpoint is of another model
   */
  public static Images draw(
      String model, Map<String, Object> params, DatasetSpec dataset, Path checkpoint, int count, long seed)
      throws IOException {
    try (RestoredRecipe restored = RestoredRecipe.open(model, params, dataset, checkpoint, seed)) {
      Examples test = restored.data().test();
      if (!test.isImage()) {
        throw new IllegalArgumentException("dataset " + dataset.kind() + " has no images to show");
      }
      if (!restored.recipe().generates()) {
        throw new IllegalArgumentException(model + " reconstructs its inputs and does not generate new images");
      }
      int[] shape = test.exampleShape();
      Engine.getInstance().setRandomSeed(Long.hashCode(seed));
      float[] generated =
          GradMode.withoutGradients(() -> restored.recipe().samples(count, restored.manager()).toFloatArray());
      return new Images(shape[1], shape[0], pngs(generated, count, shape), realImages(test, count, seed));
    }
  }

  private static List<byte[]> realImages(Examples test, int count, long seed) throws IOException {
    Random random = new Random(seed);
    List<byte[]> real = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = random.nextInt(test.size());
      real.add(SamplePicture.png(test.values(index, index + 1), 0, test.exampleShape()));
    }
    return real;
  }

  private static List<byte[]> pngs(float[] pixels, int count, int[] shape) throws IOException {
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      images.add(SamplePicture.png(pixels, i, shape));
    }
    return images;
  }
}
