package io.gantry.orchestrator.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Optuna's multivariate Parzen estimator: one kernel per observation over all the parameters at
 * once, the product of that observation's kernel in each parameter's {@link Parzen}, plus the
 * prior's. A draw takes every parameter from one observation's kernel, so values that went well
 * together are proposed together, which per-parameter estimators cannot see.
 */
final class JointParzen {

  private final Map<String, Parzen> parameters;
  private final double[] weights;

  /**
   * Over {@code parameters}, each fit to the same {@code observations}, in the same order: the
   * kernel at an index is the same observation's in every one of them.
   */
  JointParzen(Map<String, Parzen> parameters, int observations) {
    this.parameters = parameters;
    this.weights = Parzen.mixtureWeights(observations);
  }

  /** A value of every parameter, drawn from one kernel. */
  Map<String, Object> sample(Random random) {
    int kernel = Parzen.pick(weights, random);
    Map<String, Object> values = new LinkedHashMap<>();
    parameters.forEach((name, parzen) -> values.put(name, parzen.sample(kernel, random)));
    return values;
  }

  /** The log of the mixture's density at {@code values}, which name every parameter. */
  double logDensity(Map<String, Object> values) {
    double[] terms = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      terms[k] = Math.log(weights[k]);
      for (Map.Entry<String, Parzen> p : parameters.entrySet()) {
        terms[k] += p.getValue().logDensity(k, values.get(p.getKey()));
      }
    }
    return Parzen.logSumExp(terms);
  }
}
