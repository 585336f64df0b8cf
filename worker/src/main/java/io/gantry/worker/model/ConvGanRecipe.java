package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.data.ClassNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DCGAN ({@code dcgan}, networks in {@link ConvNets}) and its conditional form ({@code cgan},
 * Mirza and Osindero 2014): both players see the class label, G as a one-hot vector appended to z,
 * D as one constant one-hot plane per class stacked on the image, and the generated examples are
 * drawn for random classes. Trained by {@link Adversarial}.
 */
final class ConvGanRecipe extends AdversarialRecipe {

  /** Images per class code in the arithmetic picture, one fixed z each. */
  private static final int ARITHMETIC_VARIANTS = 4;

  private final Images layout;
  private final int classes;
  private final List<String> classNames;

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
            Network.DEFAULT_BETA2),
        data.test());
    this.layout = Images.of(data.train(), conditional ? "cgan" : "dcgan");
    this.classes = classes(data, conditional);
    // a label file's largest label may exceed the names a data set gives its classes
    this.classNames =
        data.classNames().size() == classes ? data.classNames() : ClassNames.indices(classes);
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

  /** 28x28 images padded to the networks' 32x32. */
  @Override
  protected NDArray realInput(NDArray examples) {
    return layout.toNetwork(examples);
  }

  /** None for the conditional GAN: its D judges an image only together with a class. */
  @Override
  public Optional<OutlierScore> outlierScore() {
    return conditional() ? Optional.empty() : Optional.of(discriminatorScore());
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    NDArray labels =
        conditional() ? manager.arange(count).mod(classes).toType(DataType.INT64, false) : null;
    return layout.fromNetwork(generate(manager, count, labels, false));
  }

  @Override
  public int sampleClasses() {
    return classes;
  }

  /**
   * The conditional GAN's class grid, one row per class, and the arithmetic of its class vectors;
   * the DCGAN's latent interpolation.
   */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    if (conditional()) {
      Map<String, ImageGrid> pictures = new HashMap<>();
      pictures.put(
          "classes",
          LatentGrids.classes(
              manager,
              latent,
              classes,
              (z, labels) -> images(z, labels.oneHot(classes))));
      pictures.putAll(LatentArithmetic.picture(classCodes(), manager));
      return pictures;
    }
    return Map.of(
        "interpolation",
        LatentGrids.interpolation(manager, latent, z -> layout.fromNetwork(generator.evaluate(z))));
  }

  /**
   * A class's code is G's conditioning vector, its one-hot row: any weighted sum of them is a
   * vector G can take in its place, drawn with the same few z for every code.
   */
  @Override
  public Optional<ClassCodes> classCodes() {
    if (!conditional()) {
      return Optional.empty();
    }
    return Optional.of(
        new ClassCodes() {
          @Override
          public NDArray codes(NDManager manager) {
            return manager.eye(classes);
          }

          @Override
          public List<String> names() {
            return classNames;
          }

          @Override
          public NDArray decode(NDArray codes, NDManager manager) {
            long n = codes.getShape().get(0);
            NDArray z = manager.randomNormal(new Shape(ARITHMETIC_VARIANTS, latent));
            return images(z.tile(new long[] {n, 1}), codes.repeat(0, ARITHMETIC_VARIANTS));
          }

          @Override
          public int variants() {
            return ARITHMETIC_VARIANTS;
          }
        });
  }

  /** G's images in the data's layout for codes {@code z} and conditioning vectors. */
  private NDArray images(NDArray z, NDArray conditions) {
    return layout.fromNetwork(generator.evaluate(z.concat(conditions, 1)));
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
