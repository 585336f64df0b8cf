package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import java.util.Optional;

/**
 * What a denoising autoencoder does to its input before encoding it (Vincent et al. 2008, 2010):
 * masking noise sets each value to 0 with probability {@code noise_p}, then Gaussian noise of
 * standard deviation {@code noise_std} is added.
 */
record Corruption(double maskProbability, double noiseStd) {

  /** The DAE's corruption; none for the plain autoencoder. */
  static Optional<Corruption> of(String model, Hyperparams params) {
    if (!model.equals("dae")) {
      return Optional.empty();
    }
    // the catalog's bounds keep noise_p in [0, 1) and noise_std at least 0
    return Optional.of(new Corruption(params.doubleValue("noise_p"), params.doubleValue("noise_std")));
  }

  /** A corrupted copy of {@code x}, drawn from the engine's generator. */
  NDArray apply(NDArray x) {
    NDManager manager = x.getManager();
    NDArray out = x;
    if (maskProbability > 0) {
      NDArray keep = manager.randomUniform(0f, 1f, x.getShape()).gte(maskProbability);
      out = out.mul(keep);
    }
    if (noiseStd > 0) {
      out = out.add(manager.randomNormal(0f, (float) noiseStd, x.getShape(), x.getDataType()));
    }
    return out;
  }
}
