package io.gantry.worker.data;

import java.util.List;
import java.util.Optional;

/**
 * The data of one trial: the training examples, the held-out ones, for generated data what is
 * known of the distribution they come from (the true moments of {@code gaussian-2d}, the mixture
 * of {@code mixture-1d}), for labelled data the names of the classes in label order ({@link
 * ClassNames}; empty without labels), and when classes are left out their held-out examples, the
 * outliers.
 */
public record TrialData(
    Examples train,
    Examples test,
    Optional<Moments> truth,
    Optional<GaussianMixture> mixture,
    List<String> classNames,
    Optional<Examples> outliers) {

  /** Images, whose classes have names and may have been left out as outliers. */
  public static TrialData ofImages(
      Examples train, Examples test, List<String> classNames, Optional<Examples> outliers) {
    return new TrialData(train, test, Optional.empty(), Optional.empty(), classNames, outliers);
  }

  /** Points Gantry generates, with what is known of their distribution. */
  public static TrialData ofPoints(
      Examples train, Examples test, Optional<Moments> truth, Optional<GaussianMixture> mixture) {
    return new TrialData(train, test, truth, mixture, List.of(), Optional.empty());
  }
}
