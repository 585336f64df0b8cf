package io.gantry.protocol.trial;

import java.util.List;

/**
 * The two-component Gaussian mixture of the {@code mixture-1d} data set: {@code weights[0] *
 * N(means[0], stds[0]^2) + weights[1] * N(means[1], stds[1]^2)}. The sweep file checker holds the
 * values to their bounds ({@link #MAX_ABS}, positive weights summing to 1, positive stds).
 */
public record MixtureSpec(List<Double> weights, List<Double> means, List<Double> stds) {

  /** Components of the mixture. */
  public static final int COMPONENTS = 2;

  /**
   * Largest magnitude a mean or std may have: far beyond any data worth generating, and small
   * enough that the CDF's bisection and the samples stay well inside float range.
   */
  public static final double MAX_ABS = 1e6;

  /** 0.3 N(-2, 0.5^2) + 0.7 N(1.5, 0.8^2): two modes, unequal, that a GAN must both find. */
  public static final MixtureSpec DEFAULT =
      new MixtureSpec(List.of(0.3, 0.7), List.of(-2.0, 1.5), List.of(0.5, 0.8));

  public MixtureSpec {
    weights = List.copyOf(weights);
    means = List.copyOf(means);
    stds = List.copyOf(stds);
    if (weights.size() != COMPONENTS || means.size() != COMPONENTS || stds.size() != COMPONENTS) {
      throw new IllegalArgumentException(
          "a mixture has " + COMPONENTS + " weights, means and stds");
    }
  }
}
