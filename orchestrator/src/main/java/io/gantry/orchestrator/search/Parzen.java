package io.gantry.orchestrator.search;

import java.util.Random;

/**
 * A Parzen estimator of one parameter: a weighted mixture of kernels, one per observed value and
 * one prior kernel, from which the Tree-structured Parzen Estimator draws candidates and whose
 * densities it compares.
 */
sealed interface Parzen permits NumericParzen, CategoricalParzen {

  /** A value drawn from the mixture, typed as the parameter is. */
  Object sample(Random random);

  /** The log of the mixture's density (or mass, for a choice) at {@code value}. */
  double logDensity(Object value);

  /**
   * A value drawn from one kernel: the observation at {@code kernel}, or the prior at the number
   * of observations. Multivariate TPE draws every parameter from the same observation's kernels.
   */
  Object sample(int kernel, Random random);

  /** The log of one kernel's own density (or mass) at {@code value}, not weighted. */
  double logDensity(int kernel, Object value);

  /**
   * Optuna's default weights of {@code n} observations, oldest first: all 1 up to 25, beyond that
   * a ramp from 1/n up to 1 for all but the newest 25, so old trials count less.
   */
  static double[] observationWeights(int n) {
    double[] weights = new double[n];
    int ramp = Math.max(0, n - 25);
    for (int i = 0; i < n; i++) {
      weights[i] = i < ramp ? 1.0 / n + (1.0 - 1.0 / n) * i / Math.max(1, ramp - 1) : 1.0;
    }
    return weights;
  }

  /** The observations' weights followed by the prior's, summing to 1. */
  static double[] mixtureWeights(int n) {
    double[] weights = new double[n + 1];
    System.arraycopy(observationWeights(n), 0, weights, 0, n);
    weights[n] = PRIOR_WEIGHT;
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= sum;
    }
    return weights;
  }

  /** Index drawn with probability proportional to {@code weights}, which sum to 1. */
  static int pick(double[] weights, Random random) {
    double u = random.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** {@code log(sum(exp(terms)))}, without overflow; minus infinity when every term is. */
  static double logSumExp(double[] terms) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : terms) {
      max = Math.max(max, t);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  /** The prior kernel counts as one observation, as in Optuna. */
  double PRIOR_WEIGHT = 1.0;
}
