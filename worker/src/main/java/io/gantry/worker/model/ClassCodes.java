package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A model whose classes have codes that its decoder maps back to images, so that codes can be added
 * and subtracted ({@link LatentArithmetic}): a VAE's mean code of each class, a conditional
 * generator's conditioning vector. An autoencoder with an encoder (an adversarial one) joins by
 * giving its mean codes through {@link ClassMeans}, as the VAE does.
 */
public interface ClassCodes {

  /**
   * One code per class, {@code (classes, dims)}; the row of a class in {@link #missing} is not a
   * code and must not be decoded.
   */
  NDArray codes(NDManager manager);

  /** Classes without a code: a VAE's classes that have no held-out image. */
  default List<Integer> missing() {
    return List.of();
  }

  /** The class names, in label order, that expressions over these codes are written in. */
  List<String> names();

  /**
   * Images in [0, 1], {@code (n * variants, features)}, for {@code (n, dims)} codes: the {@link
   * #variants} images of each code one after another, every code drawn with the same variants.
   */
  NDArray decode(NDArray codes, NDManager manager);

  /**
   * Images per code: 1 for a decoder's mean, several for a generator that also takes noise (one
   * fixed z each).
   */
  default int variants() {
    return 1;
  }
}
