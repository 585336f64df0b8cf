/**
 * Quality metrics that need more than the model: FID ({@link io.gantry.worker.eval.FidMeter}) in
 * the feature space of a small classifier that Gantry trains on the data set once and caches, with
 * the Fréchet distance and the symmetric eigendecomposition behind it computed in plain Java; and,
 * from the same features, KID, precision and recall, and the classifier's class coverage, each a
 * small class of its own.
 */
package io.gantry.worker.eval;
