package io.gantry.worker.eval;

/**
 * For a conditional generator: the share of images generated for a class that the feature
 * classifier assigns to that class, so whether the generator heeds its label (its ceiling is the
 * classifier's own test accuracy).
 */
final class ClassAccuracy {

  private ClassAccuracy() {}

  /** The share of positions where {@code predicted} equals {@code intended}. */
  static double of(int[] predicted, int[] intended) {
    if (predicted.length != intended.length || predicted.length == 0) {
      throw new IllegalArgumentException(
          predicted.length + " predictions for " + intended.length + " intended classes");
    }
    int right = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] == intended[i]) {
        right++;
      }
    }
    return right / (double) predicted.length;
  }
}
