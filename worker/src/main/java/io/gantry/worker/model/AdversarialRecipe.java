package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Examples;
import java.util.Map;

/**
 * What the GAN recipes share: a generator and a discriminator playing {@link Adversarial}'s game,
 * z ~ N(0, I) (or what {@link #noise} draws), the game's held-out metrics on the test examples,
 * checkpoints that keep the game's beat. A subclass adds conditioning by overriding
 * {@link #fakeLabels} and the two input maps.
 */
abstract class AdversarialRecipe implements ModelRecipe, Adversarial.Players {

  protected final int latent;
  protected final Network generator;
  protected final Network discriminator;
  protected final Adversarial game;
  protected final Examples test;

  AdversarialRecipe(Hyperparams params, Network generator, Network discriminator, Examples test) {
    this.latent = params.intValue("latent_dim");
    this.generator = generator;
    this.discriminator = discriminator;
    this.game = new Adversarial(generator, discriminator, params);
    this.test = test;
  }

  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    return Adversarial.heldOut(test, manager, this, this::realInput);
  }

  @Override
  public Map<String, Network> networks() {
    return Map.of("generator", generator, "discriminator", discriminator);
  }

  @Override
  public NDArray fakeLabels(NDManager manager, long n) {
    return null;
  }

  @Override
  public NDArray generate(NDManager manager, long n, NDArray labels, boolean training) {
    NDArray input = generatorInput(noise(manager, n), labels);
    return training ? generator.forward(input) : generator.evaluate(input);
  }

  @Override
  public NDArray discriminate(NDArray x, NDArray labels, boolean training) {
    NDArray input = discriminatorInput(x, labels);
    return training ? discriminator.forward(input) : discriminator.evaluate(input);
  }

  /** {@code n} codes z, {@code (n, latent_dim)}: N(0, I) unless a recipe draws them otherwise. */
  protected NDArray noise(NDManager manager, long n) {
    return manager.randomNormal(new Shape(n, latent));
  }

  /** D's input for examples as the data hold them, before any labels are added. */
  protected abstract NDArray realInput(NDArray examples);

  /**
   * Minus D's logit for each image, the less real D finds it the higher: the outlier score of the
   * GANs whose D judges an image alone (not a class with it, not a batch's spread).
   */
  protected OutlierScore discriminatorScore() {
    return x -> discriminate(realInput(x), null, false).reshape(-1).neg();
  }

  /** What G gets for codes {@code z} (and labels, when conditioned). */
  protected NDArray generatorInput(NDArray z, NDArray labels) {
    return z;
  }

  /** What D gets for examples {@code x} (and labels, when conditioned). */
  protected NDArray discriminatorInput(NDArray x, NDArray labels) {
    return x;
  }

  @Override
  public Map<String, String> state() {
    return game.state();
  }

  @Override
  public void restore(Map<String, String> state) {
    game.restore(state);
  }

  @Override
  public void close() {
    discriminator.close();
    generator.close();
  }
}
