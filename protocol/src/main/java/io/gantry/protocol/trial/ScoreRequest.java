package io.gantry.protocol.trial;

import java.util.Map;

/**
 * What {@code gantry score} asks of a worker process (as JSON in a file, since the coordinator's
 * side carries no DJL): rank the images of the IDX file {@code images} by the score of the trial
 * of {@code model} with {@code params}, trained on {@code dataset} and restored from {@code
 * checkpoint}; draw the {@code top} least likely into the PNG {@code picture}, and write the
 * ranking (or why there is none) to {@code result}. {@code seed} seeds a score that draws random
 * numbers, the VAE's.
 */
public record ScoreRequest(
    String model,
    Map<String, Object> params,
    DatasetSpec dataset,
    String checkpoint,
    String images,
    int top,
    String picture,
    String result,
    long seed) {

  /** The result's first word on a line that ranks an image: {@code image INDEX SCORE}. */
  public static final String IMAGE = "image";

  /** The result's first word when the input was wrong: {@code refused MESSAGE}. */
  public static final String REFUSED = "refused";
}
