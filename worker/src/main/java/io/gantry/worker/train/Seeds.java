package io.gantry.worker.train;

import ai.djl.engine.Engine;

/**
 * The engine's generator is reseeded before every step and every evaluation from the trial's seed
 * and the step count, so that what a step draws depends on where it is, not on what ran before it
 * in the process: a trial resumed from a checkpoint then draws exactly what the unbroken trial drew.
 * DJL has one generator for the whole process, which every draw (initialisation, dropout, noise,
 * another trial before this one) moves on.
 */
final class Seeds {

  private static final long STEP_STRIDE = 100_003;

  private Seeds() {}

  /** Before the step that follows {@code stepsDone} steps: {@code seed * 100003 + stepsDone}. */
  static void beforeStep(long seed, long stepsDone) {
    Engine.getInstance().setRandomSeed(Long.hashCode(seed * STEP_STRIDE + stepsDone));
  }

  /** Before the evaluation after {@code stepsDone} steps: the bitwise complement of the above. */
  static void beforeEvaluation(long seed, long stepsDone) {
    Engine.getInstance().setRandomSeed(Long.hashCode(~(seed * STEP_STRIDE + stepsDone)));
  }

  /** The seed of the shuffle of {@code epoch}, so that a resumed epoch visits the same order. */
  static long shuffle(long seed, int epoch) {
    return seed * STEP_STRIDE ^ ((long) epoch << 32);
  }
}
