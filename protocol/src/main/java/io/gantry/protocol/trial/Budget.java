package io.gantry.protocol.trial;

/**
 * How long one trial trains: a number of epochs, or a number of optimisation steps when
 * {@code steps > 0} (then epochs only bound the data passes and may be large).
 */
public record Budget(int epochs, long steps) {
  public static Budget ofEpochs(int epochs) {
    return new Budget(epochs, 0);
  }

  public static Budget ofSteps(long steps) {
    return new Budget(Integer.MAX_VALUE, steps);
  }

  public boolean bySteps() {
    return steps > 0;
  }
}
