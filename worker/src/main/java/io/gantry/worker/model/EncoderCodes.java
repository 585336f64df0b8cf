package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The class codes of a model with an encoder (the VAE; an adversarial autoencoder alike): each
 * class's code is the mean of the encoder's codes over its first held-out images, as Radford et al.
 * 2016 average a few codes per concept, since one example's code carries that example's quirks.
 * Bounded, so that it is cheap enough for every epoch.
 */
final class EncoderCodes implements ClassCodes {

  /** Held-out images averaged per class; 100 keep the mean's noise well below the class's spread. */
  static final int PER_CLASS = 100;

  private final Examples test;
  private final List<String> names;
  private final UnaryOperator<NDArray> encode;
  private final UnaryOperator<NDArray> decode;
  private final int[] picked;
  private final float[] inverseCounts;
  private final List<Integer> missing;

  /**
   * Codes over {@code test}'s classes, called {@code names}: {@code encode} maps {@code (n,
   * features)} images to {@code (n, dims)} codes, {@code decode} codes to images in [0, 1].
   */
  EncoderCodes(
      Examples test,
      List<String> names,
      UnaryOperator<NDArray> encode,
      UnaryOperator<NDArray> decode) {
    this.test = test;
    this.names = names;
    this.encode = encode;
    this.decode = decode;
    int classes = names.size();
    int[] counts = new int[classes];
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      int label = test.label(i);
      if (label < classes && counts[label] < PER_CLASS) {
        counts[label]++;
        chosen.add(i);
      }
    }
    this.picked = chosen.stream().mapToInt(Integer::intValue).toArray();
    this.inverseCounts = new float[classes];
    List<Integer> none = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      if (counts[c] == 0) {
        none.add(c);
      } else {
        inverseCounts[c] = 1f / counts[c];
      }
    }
    this.missing = List.copyOf(none);
  }

  /** A class without held-out images gets a row of 0, and is {@link #missing}. */
  @Override
  public NDArray codes(NDManager manager) {
    int classes = names.size();
    Batch batch = test.batch(manager, picked, 0, picked.length);
    NDArray membership = batch.labels().orElseThrow().oneHot(classes).transpose();
    NDArray sums = membership.matMul(encode.apply(batch.features()));
    return sums.mul(manager.create(inverseCounts).reshape(classes, 1));
  }

  @Override
  public List<Integer> missing() {
    return missing;
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public NDArray decode(NDArray codes, NDManager manager) {
    return decode.apply(codes);
  }
}
