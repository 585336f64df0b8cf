package io.gantry.orchestrator.search;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A mixture over a list of values, as Optuna builds it for a categorical parameter: each observed
 * value's kernel puts most of its mass on that value and spreads the prior's share over all of
 * them; the prior kernel is uniform.
 */
final class CategoricalParzen implements Parzen {

  private final List<Object> values;
  /** Each kernel's mass on each value, the prior's last. */
  private final double[][] kernels;
  /** The mixture's mass on each value. */
  private final double[] mass;

  /** Observed values that are not in {@code values} (from an older sweep file) are left out. */
  CategoricalParzen(List<Object> values, List<Object> allObserved) {
    this.values = values;
    List<Object> observed = allObserved.stream().filter(values::contains).toList();
    this.kernels = new double[observed.size() + 1][];
    double spread = PRIOR_WEIGHT / kernels.length;
    double total = spread * values.size() + 1;
    for (int k = 0; k < observed.size(); k++) {
      int hit = values.indexOf(observed.get(k));
      kernels[k] = new double[values.size()];
      for (int c = 0; c < values.size(); c++) {
        kernels[k][c] = (spread + (c == hit ? 1 : 0)) / total;
      }
    }
    kernels[observed.size()] = new double[values.size()];
    Arrays.fill(kernels[observed.size()], 1.0 / values.size());
    double[] weights = Parzen.mixtureWeights(observed.size());
    this.mass = new double[values.size()];
    for (int k = 0; k < kernels.length; k++) {
      for (int c = 0; c < values.size(); c++) {
        mass[c] += weights[k] * kernels[k][c];
      }
    }
  }

  @Override
  public Object sample(Random random) {
    return values.get(Parzen.pick(mass, random));
  }

  @Override
  public double logDensity(Object value) {
    return logOf(mass, value);
  }

  @Override
  public Object sample(int kernel, Random random) {
    return values.get(Parzen.pick(kernels[kernel], random));
  }

  @Override
  public double logDensity(int kernel, Object value) {
    return logOf(kernels[kernel], value);
  }

  private double logOf(double[] masses, Object value) {
    int index = values.indexOf(value);
    return index < 0 ? Double.NEGATIVE_INFINITY : Math.log(masses[index]);
  }
}
