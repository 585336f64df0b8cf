package io.gantry.worker.eval;

/**
 * The mean of repeated estimates of one metric and their sample standard deviation: how KID's
 * subset estimates and FID's bootstrap resamples are summed up.
 */
record Spread(double mean, double std) {

  /** The mean and the standard deviation (n - 1 in the denominator; 0 for one value). */
  static Spread of(double[] values) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v / n;
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new Spread(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0);
  }
}
