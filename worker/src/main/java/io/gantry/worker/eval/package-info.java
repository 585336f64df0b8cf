/**
 * Quality metrics that need more than the model: FID ({@link io.gantry.worker.eval.FidMeter}) in
 * the feature space of a small classifier that Gantry trains on the data set once and caches, with
 * the Fréchet distance and the symmetric eigendecomposition behind it computed in plain Java.
 */
package io.gantry.worker.eval;
