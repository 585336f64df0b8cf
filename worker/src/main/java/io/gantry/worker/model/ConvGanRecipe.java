package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import java.util.Map;

/**
 * The DCGAN ({@code dcgan}, networks in {@link ConvNets}) and its conditional form ({@code
 * cgan}, Mirza and Osindero 2014): both players see the class label, G as a one-hot vector
 * appended to z, D as one constant one-hot plane per class stacked on the image, and the
 * generated examples are drawn for random classes. Trained by {@link Adversarial}.
 */
final class ConvGanRecipe implements ModelRecipe, Adversarial.Players {

  private final Examples test;
  private final Images layout;
  private final int latent;
  private final int classes;
  private final Network generator;
  private final Network discriminator;
  private final Adversarial game;

  ConvGanRecipe(Hyperparams params, TrialData data, boolean conditional) {
    String model = conditional ? "cgan" : "dcgan";
    this.test = data.test();
    this.layout = Images.of(data.train(), model);
    this.latent = params.intValue("latent_dim");
    if (conditional && !(data.train().hasLabels() && test.hasLabels())) {
      throw new IllegalArgumentException("cgan needs class labels for the train and test images");
    }
    this.classes = conditional ? Math.max(data.train().classes(), test.classes()) : 0;
    double beta1 = params.doubleValue("beta1");
    this.generator =
        Network.create(
            "generator",
            ConvNets.generator(params.intValue("g_channels")),
            new Shape(1, latent + classes),
            params.doubleValue("lr_g"),
            beta1,
            Network.DEFAULT_BETA2);
    this.discriminator =
        Network.create(
            "discriminator",
            ConvNets.discriminator(params.intValue("d_channels")),
            new Shape(1, 1 + classes, Images.SIZE, Images.SIZE),
            params.doubleValue("lr_d"),
            beta1,
            Network.DEFAULT_BETA2);
    this.game = new Adversarial(generator, discriminator, params);
  }

  private boolean conditional() {
    return classes > 0;
  }

  @Override
  public Map<String, Network> networks() {
    return Map.of("generator", generator, "discriminator", discriminator);
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    return game.step(new Batch(layout.toNetwork(batch.features()), batch.labels()), this);
  }

  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    return Adversarial.heldOut(test, manager, this, layout::toNetwork);
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    NDArray labels = conditional() ? manager.arange(count).mod(classes).toType(DataType.INT64, false) : null;
    return layout.fromNetwork(generate(manager, count, labels, false));
  }

  /** The conditional GAN's class grid, one row per class; the DCGAN's latent interpolation. */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    if (conditional()) {
      return Map.of(
          "classes",
          LatentGrids.classes(
              manager, latent, classes, (z, labels) -> layout.fromNetwork(generator.evaluate(withLabels(z, labels)))));
    }
    return Map.of(
        "interpolation",
        LatentGrids.interpolation(manager, latent, z -> layout.fromNetwork(generator.evaluate(z))));
  }

  @Override
  public NDArray fakeLabels(NDManager manager, long n) {
    return conditional() ? manager.randomInteger(0, classes, new Shape(n), DataType.INT64) : null;
  }

  @Override
  public NDArray generate(NDManager manager, long n, NDArray labels, boolean training) {
    NDArray input = withLabels(manager.randomNormal(new Shape(n, latent)), labels);
    return training ? generator.forward(input) : generator.evaluate(input);
  }

  @Override
  public NDArray discriminate(NDArray x, NDArray labels, boolean training) {
    NDArray input = x;
    // The data's labels arrive with every batch; only the conditional GAN looks at them.
    if (conditional()) {
      Shape shape = x.getShape();
      NDArray planes =
          labels.oneHot(classes).reshape(shape.get(0), classes, 1, 1)
              .broadcast(shape.get(0), classes, shape.get(2), shape.get(3));
      input = x.concat(planes, 1);
    }
    return training ? discriminator.forward(input) : discriminator.evaluate(input);
  }

  private NDArray withLabels(NDArray z, NDArray labels) {
    return conditional() ? z.concat(labels.oneHot(classes), 1) : z;
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
