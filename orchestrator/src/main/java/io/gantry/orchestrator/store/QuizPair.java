package io.gantry.orchestrator.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A pair of images shown to a person, who is asked which one is real: a test image of the
 * trial's data set and one its checkpoint generated. {@code fooled} is empty until the pair is
 * answered, then whether the answer took the generated image for the real one.
 */
public record QuizPair(
    String id, String sweepId, String trialId, boolean realOnLeft, byte[] realPng, byte[] generatedPng, Instant createdAt,
    Optional<Boolean> fooled) {

  /** The image shown on the left ({@code left}) or on the right. */
  public byte[] image(boolean left) {
    return left == realOnLeft ? realPng : generatedPng;
  }
}
