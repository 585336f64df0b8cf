package io.gantry.protocol.trial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Latent arithmetic on a trial's checkpoint: the worker module provides it (through {@link
 * java.util.ServiceLoader}) and the head node, which carries no DJL, loads it from the worker's
 * classpath for {@code gantry arithmetic}.
 */
public interface ClassArithmetic {

  /**
   * Restores {@code model} with {@code params} from {@code checkpoint} in this process, decodes the
   * classes of {@code expression} (class names joined by {@code +} and {@code -}, with optional
   * coefficients) and the expression itself, and writes the picture to {@code out} as a PNG; the
   * same {@code seed} gives the same picture.
   *
   * @throws IllegalArgumentException when the expression is bad, names an unknown class, or the
   *     model has no class codes (it is not conditioned on classes, or the data have no labels)
   */
  void draw(
      String model,
      Map<String, Object> params,
      DatasetSpec dataset,
      Path checkpoint,
      String expression,
      long seed,
      Path out)
      throws IOException;
}
