package io.gantry.worker.train;

import ai.djl.engine.Engine;
import io.gantry.protocol.trial.ClassArithmetic;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.model.ClassCodes;
import io.gantry.worker.model.ClassExpression;
import io.gantry.worker.model.ImageGrid;
import io.gantry.worker.model.LatentArithmetic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code gantry arithmetic}'s picture, drawn in the calling process: the trial's recipe restored
 * from its checkpoint, the expression parsed over its data set's class names, and one {@link
 * LatentArithmetic} row (for the conditional GAN, one per fixed z).
 */
public final class CheckpointArithmetic implements ClassArithmetic {

  @Override
  public void draw(
      String model,
      Map<String, Object> params,
      DatasetSpec dataset,
      Path checkpoint,
      String expression,
      long seed,
      Path out)
      throws IOException {
    try (RestoredRecipe restored = RestoredRecipe.open(model, params, dataset, checkpoint, seed)) {
      ClassCodes codes =
          restored
              .recipe()
              .classCodes()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          model
                              + " on "
                              + dataset.kind()
                              + " has no class codes to add and subtract: latent arithmetic"
                              + " needs a vae, an aae or a cgan on labelled data"));
      ClassExpression parsed = ClassExpression.parse(expression, codes.names());
      Engine.getInstance().setRandomSeed(Long.hashCode(seed));
      ImageGrid grid =
          GradMode.withoutGradients(
              () -> LatentArithmetic.grid(codes, List.of(parsed), restored.manager()));
      SamplePicture.write(out, grid, restored.data().test());
    }
  }
}
