package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.ParameterSpec.Distribution;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.protocol.catalog.ParamDef;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A mixture of Gaussians truncated to a range, as Optuna's univariate Parzen estimator builds it:
 * log_uniform ranges live in log space, int_uniform ranges on {@code [min - 0.5, max + 0.5]} and
 * are rounded when drawn. Each kernel's width is the larger gap to its neighbours (or, as one
 * parameter of a {@link JointParzen}, Scott's rule), clipped to between {@code (max - min) / min(100,
 * 1 + kernels)} and {@code max - min}; the prior kernel sits in the middle with the width of the
 * whole range.
 */
final class NumericParzen implements Parzen {

  private static final int MAX_REJECTIONS = 100;

  private final Range range;
  private final ParamDef def;
  private final double low;
  private final double high;
  private final double[] mus;
  private final double[] sigmas;
  private final double[] weights;
  private final double[] logMass;

  /** Optuna's univariate estimator: each kernel as wide as its larger gap to a neighbour. */
  NumericParzen(Range range, ParamDef def, List<Double> observed) {
    this(range, def, observed, OptionalInt.empty());
  }

  /**
   * One parameter of Optuna's multivariate estimator over {@code dimensions} parameters: every
   * kernel {@code 0.2 * n^(-1 / (dimensions + 4))} of the range wide (Scott's rule as Optuna
   * scales it), since neighbours in one parameter are not neighbours in the joint space, and
   * narrow kernels there would make the bad group's density spike at its trials.
   */
  static NumericParzen ofJoint(Range range, ParamDef def, List<Double> observed, int dimensions) {
    return new NumericParzen(range, def, observed, OptionalInt.of(dimensions));
  }

  private NumericParzen(Range range, ParamDef def, List<Double> observed, OptionalInt jointDimensions) {
    this.range = range;
    this.def = def;
    boolean integers = range.distribution() == Distribution.INT_UNIFORM;
    this.low = integers ? range.min() - 0.5 : toSpace(range.min());
    this.high = integers ? range.max() + 0.5 : toSpace(range.max());
    int n = observed.size();
    this.mus = new double[n + 1];
    for (int i = 0; i < n; i++) {
      mus[i] = toSpace(observed.get(i));
    }
    mus[n] = (low + high) / 2;
    this.sigmas =
        clipped(jointDimensions.isPresent() ? scottWidths(n, jointDimensions.getAsInt()) : neighbourWidths(n));
    this.weights = Parzen.mixtureWeights(n);
    this.logMass = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      logMass[i] = Math.log(Normal.cdf((high - mus[i]) / sigmas[i]) - Normal.cdf((low - mus[i]) / sigmas[i]));
    }
  }

  @Override
  public Object sample(Random random) {
    return sample(Parzen.pick(weights, random), random);
  }

  @Override
  public double logDensity(Object value) {
    double[] terms = new double[mus.length];
    for (int i = 0; i < mus.length; i++) {
      terms[i] = Math.log(weights[i]) + logDensity(i, value);
    }
    return Parzen.logSumExp(terms);
  }

  @Override
  public Object sample(int kernel, Random random) {
    double x = mus[kernel] + sigmas[kernel] * random.nextGaussian();
    for (int tries = 0; (x < low || x > high) && tries < MAX_REJECTIONS; tries++) {
      x = mus[kernel] + sigmas[kernel] * random.nextGaussian();
    }
    return fromSpace(Math.min(high, Math.max(low, x)));
  }

  @Override
  public double logDensity(int kernel, Object value) {
    double z = (toSpace(((Number) value).doubleValue()) - mus[kernel]) / sigmas[kernel];
    return -0.5 * z * z - Math.log(sigmas[kernel] * Normal.SQRT_2PI) - logMass[kernel];
  }

  /** Optuna's neighbour rule, for the observations' kernels. */
  private double[] neighbourWidths(int n) {
    double[] result = new double[n];
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
    for (int rank = 0; rank < n; rank++) {
      double below = rank == 0 ? low : mus[order[rank - 1]];
      double above = rank == n - 1 ? high : mus[order[rank + 1]];
      double mu = mus[order[rank]];
      result[order[rank]] = Math.max(mu - below, above - mu);
    }
    // Without endpoints the outermost kernels take their inner gap, not the gap to the bound.
    if (n >= 2) {
      result[order[0]] = mus[order[1]] - mus[order[0]];
      result[order[n - 1]] = mus[order[n - 1]] - mus[order[n - 2]];
    }
    return result;
  }

  private double[] scottWidths(int n, int dimensions) {
    double[] result = new double[n];
    Arrays.fill(result, 0.2 * Math.pow(Math.max(n, 1), -1.0 / (dimensions + 4)) * (high - low));
    return result;
  }

  /**
   * The observations' widths clipped, as Optuna's "magic clip", to between {@code (high - low) /
   * min(100, 1 + kernels)} and {@code high - low}, and the prior's, the whole range, after them.
   */
  private double[] clipped(double[] observed) {
    int n = observed.length;
    double width = high - low;
    double least = width / Math.min(100.0, 1.0 + n + 1);
    double[] result = Arrays.copyOf(observed, n + 1);
    for (int i = 0; i < n; i++) {
      result[i] = Math.min(width, Math.max(least, result[i]));
    }
    result[n] = width;
    return result;
  }

  private double toSpace(double value) {
    return range.distribution() == Distribution.LOG_UNIFORM ? Math.log(value) : value;
  }

  private Object fromSpace(double x) {
    return switch (range.distribution()) {
      case UNIFORM -> x;
      case LOG_UNIFORM -> Math.min(range.max(), Math.max(range.min(), Math.exp(x)));
      case INT_UNIFORM ->
          TrialParameters.integerValue(
              def, Math.min((long) range.max(), Math.max((long) range.min(), Math.round(x))));
    };
  }
}
