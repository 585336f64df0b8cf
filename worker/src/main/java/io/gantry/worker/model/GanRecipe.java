package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.TrialData;
import java.util.Map;

/**
 * The MLP GAN of Goodfellow et al. 2014 ({@link Adversarial} has the training game): G maps
 * z ~ N(0, I) through two ReLU layers (none when {@code g_hidden} is 0, which makes G linear),
 * with a sigmoid output on images; D is an MLP with LeakyReLU.
 */
final class GanRecipe implements ModelRecipe, Adversarial.Players {

  private static final float LEAK = 0.2f;

  private final TrialData data;
  private final int latent;
  private final Network generator;
  private final Network discriminator;
  private final Adversarial game;

  GanRecipe(Hyperparams params, TrialData data) {
    this.data = data;
    this.latent = params.intValue("latent_dim");
    int features = data.train().features();
    int gHidden = params.intValue("g_hidden");
    int dHidden = params.intValue("d_hidden");
    double beta1 = params.doubleValue("beta1");
    SequentialBlock g = Network.mlp(Activation::relu, gHidden, gHidden, features);
    if (data.train().isImage()) {
      g.addSingleton(Activation::sigmoid);
    }
    SequentialBlock d = Network.mlp(x -> Activation.leakyRelu(x, LEAK), dHidden, dHidden, 1);
    this.generator = Network.create("generator", g, latent, params.doubleValue("lr_g"), beta1);
    this.discriminator =
        Network.create("discriminator", d, features, params.doubleValue("lr_d"), beta1);
    this.game = new Adversarial(generator, discriminator, params);
  }

  @Override
  public Map<String, Network> networks() {
    return Map.of("generator", generator, "discriminator", discriminator);
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    return game.step(batch, this);
  }

  /**
   * {@code val/d_real}, D's mean probability on held-out examples, and {@code val/d_fake} on as
   * many fresh samples; on generated data also the moment errors of G's samples.
   */
  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    Map<String, Double> metrics = Adversarial.heldOut(data.test(), manager, this, x -> x);
    data.truth().ifPresent(t -> metrics.putAll(Evaluation.momentErrors(this, t, manager)));
    return metrics;
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    return generate(manager, count, null, false);
  }

  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    return data.test().isImage()
        ? Map.of("interpolation", LatentGrids.interpolation(manager, latent, z -> generator.evaluate(z)))
        : Map.of();
  }

  @Override
  public NDArray fakeLabels(NDManager manager, long n) {
    return null;
  }

  @Override
  public NDArray generate(NDManager manager, long n, NDArray labels, boolean training) {
    NDArray z = manager.randomNormal(new Shape(n, latent));
    return training ? generator.forward(z) : generator.evaluate(z);
  }

  @Override
  public NDArray discriminate(NDArray x, NDArray labels, boolean training) {
    return training ? discriminator.forward(x) : discriminator.evaluate(x);
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
