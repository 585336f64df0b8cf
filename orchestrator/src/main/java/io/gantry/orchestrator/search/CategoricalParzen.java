package io.gantry.orchestrator.search;

import java.util.List;
import java.util.Random;

/**
 * A mixture over a list of values, as Optuna builds it for a categorical parameter: each observed
 * value's kernel puts most of its mass on that value and spreads the prior's share over all of
 * them; the prior kernel is uniform.
 */
final class CategoricalParzen implements Parzen {

  private final List<Object> values;
  private final double[] mass;

  /** Observed values that are not in {@code values} (from an older sweep file) are left out. */
  CategoricalParzen(List<Object> values, List<Object> allObserved) {
    this.values = values;
    List<Object> observed = allObserved.stream().filter(values::contains).toList();
    int kernels = observed.size() + 1;
    double[] weights = Parzen.mixtureWeights(observed.size());
    this.mass = new double[values.size()];
    for (int k = 0; k < observed.size(); k++) {
      double spread = PRIOR_WEIGHT / kernels;
      double total = spread * values.size() + 1;
      int hit = values.indexOf(observed.get(k));
      for (int c = 0; c < values.size(); c++) {
        mass[c] += weights[k] * (spread + (c == hit ? 1 : 0)) / total;
      }
    }
    for (int c = 0; c < values.size(); c++) {
      mass[c] += weights[observed.size()] / values.size();
    }
  }

  @Override
  public Object sample(Random random) {
    return values.get(Parzen.pick(mass, random));
  }

  @Override
  public double logDensity(Object value) {
    int index = values.indexOf(value);
    return index < 0 ? Double.NEGATIVE_INFINITY : Math.log(mass[index]);
  }
}
