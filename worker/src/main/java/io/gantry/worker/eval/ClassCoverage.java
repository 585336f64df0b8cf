package io.gantry.worker.eval;

/**
 * How evenly generated images spread over the classes that the feature classifier assigns them: a
 * generator that collapsed onto a few modes covers few classes whatever its FID. The entropy of the
 * class histogram is normalised by that of the uniform one, so 1 means every class equally often
 * and 0 one class only; a class counts as covered when it gets at least half its fair share.
 */
record ClassCoverage(double entropy, int covered) {

  /** The coverage of the classes {@code predicted} (each in {@code [0, classes)}). */
  static ClassCoverage of(int[] predicted, int classes) {
    if (classes < 2 || predicted.length == 0) {
      throw new IllegalArgumentException(
          "needs at least 2 classes and one image, got " + classes + " and " + predicted.length);
    }
    long[] counts = new long[classes];
    for (int c : predicted) {
      counts[c]++;
    }
    double entropy = 0;
    int covered = 0;
    for (long count : counts) {
      double share = count / (double) predicted.length;
      if (share > 0) {
        entropy -= share * Math.log(share);
      }
      if (share >= 0.5 / classes) {
        covered++;
      }
    }
    return new ClassCoverage(entropy / Math.log(classes), covered);
  }
}
