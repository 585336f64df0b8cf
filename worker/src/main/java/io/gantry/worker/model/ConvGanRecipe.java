package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import java.util.Map;

/**
 * The DCGAN ({@code dcgan}, networks in {@link ConvNets}) and its conditional form ({@code cgan},
 * Mirza and Osindero 2014): both players see the class label, G as a one-hot vector appended to z,
 * D as one constant one-hot plane per class stacked on the image, and the generated examples are
 * drawn for random classes. Trained by {@link Adversarial}.
 */
final class ConvGanRecipe extends AdversarialRecipe {

  private final Examples test;
  private final Images layout;
  private final int classes;

  ConvGanRecipe(Hyperparams params, TrialData data, boolean conditional) {
    super(
        params,
        Network.create(
            "generator",
            ConvNets.generator(params.intValue("g_channels")),
            new Shape(1, params.intValue("latent_dim") + classes(data, conditional)),
            params.doubleValue("lr_g"),
            params.doubleValue("beta1"),
            Network.DEFAULT_BETA2),
        Network.create(
            "discriminator",
            ConvNets.discriminator(params.intValue("d_channels")),
            new Shape(1, 1 + classes(data, conditional), Images.SIZE, Images.SIZE),
            params.doubleValue("lr_d"),
            params.doubleValue("beta1"),
            Network.DEFAULT_BETA2));
    this.test = data.test();
    this.layout = Images.of(data.train(), conditional ? "cgan" : "dcgan");
    this.classes = classes(data, conditional);
  }

  /** The number of classes the players are conditioned on, 0 for the DCGAN. */
  private static int classes(TrialData data, boolean conditional) {
    if (!conditional) {
      return 0;
    }
    if (!(data.train().hasLabels() && data.test().hasLabels())) {
      throw new IllegalArgumentException("cgan needs class labels for the train and test images");
    }
    return Math.max(data.train().classes(), data.test().classes());
  }

  private boolean conditional() {
    return classes > 0;
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
    NDArray labels =
        conditional() ? manager.arange(count).mod(classes).toType(DataType.INT64, false) : null;
    return layout.fromNetwork(generate(manager, count, labels, false));
  }

  /** The conditional GAN's class grid, one row per class; the DCGAN's latent interpolation. */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    if (conditional()) {
      return Map.of(
          "classes",
          LatentGrids.classes(
              manager,
              latent,
              classes,
              (z, labels) -> layout.fromNetwork(generator.evaluate(generatorInput(z, labels)))));
    }
    return Map.of(
        "interpolation",
        LatentGrids.interpolation(manager, latent, z -> layout.fromNetwork(generator.evaluate(z))));
  }

  @Override
  public NDArray fakeLabels(NDManager manager, long n) {
    return conditional() ? manager.randomInteger(0, classes, new Shape(n), DataType.INT64) : null;
  }

  /**
   * The image with one constant one-hot plane per class. The data's labels arrive with every batch;
   * only the conditional GAN looks at them.
   */
  @Override
  protected NDArray discriminatorInput(NDArray x, NDArray labels) {
    if (!conditional()) {
      return x;
    }
    Shape shape = x.getShape();
    NDArray planes =
        labels
            .oneHot(classes)
            .reshape(shape.get(0), classes, 1, 1)
            .broadcast(shape.get(0), classes, shape.get(2), shape.get(3));
    return x.concat(planes, 1);
  }

  @Override
  protected NDArray generatorInput(NDArray z, NDArray labels) {
    return conditional() ? z.concat(labels.oneHot(classes), 1) : z;
  }
}
