package io.gantry.orchestrator.store;

/** A trial's answered pairs, and how many of them fooled the person answering. */
public record QuizTally(long answers, long fooled) {

  /** The share of answers that took the generated image for the real one; 0 with no answers. */
  public double foolingRate() {
    return answers == 0 ? 0 : (double) fooled / answers;
  }
}
