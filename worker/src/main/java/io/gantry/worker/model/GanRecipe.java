package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.NormalInitializer;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.eval.KsDistance;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The MLP GAN of Goodfellow et al. 2014 ({@link Adversarial} has the training game): G maps z ~
 * N(0, I) or U(0, 1) through two ReLU layers (none when {@code g_hidden} is 0, which makes G
 * linear), with a sigmoid output on images; D is an MLP with LeakyReLU or tanh. With {@code
 * init_std} every weight and bias starts from N(0, std), as d2l's {@code nn.init.normal_}.
 */
final class GanRecipe extends AdversarialRecipe {

  private static final float LEAK = 0.2f;

  private final TrialData data;
  private final boolean uniformNoise;

  GanRecipe(Hyperparams params, TrialData data) {
    super(params, generator(params, data), discriminator(params, data), data.test());
    this.data = data;
    this.uniformNoise = params.choice("noise").equals("uniform");
  }

  private static Network generator(Hyperparams params, TrialData data) {
    int gHidden = params.intValue("g_hidden");
    SequentialBlock g = Network.mlp(Activation::relu, gHidden, gHidden, data.train().features());
    if (data.train().isImage()) {
      g.addSingleton(Activation::sigmoid);
    }
    return Network.create(
        "generator",
        initialised(g, params),
        params.intValue("latent_dim"),
        params.doubleValue("lr_g"),
        params.doubleValue("beta1"));
  }

  private static Network discriminator(Hyperparams params, TrialData data) {
    int first = params.intValue("d_hidden");
    int second = params.intValue("d_hidden2");
    SequentialBlock d =
        Network.mlp(discriminatorActivation(params), first, second > 0 ? second : first, 1);
    return Network.create(
        "discriminator",
        initialised(d, params),
        data.train().features(),
        params.doubleValue("lr_d"),
        params.doubleValue("beta1"));
  }

  private static Function<NDArray, NDArray> discriminatorActivation(Hyperparams params) {
    return params.choice("d_activation").equals("tanh")
        ? Activation::tanh
        : x -> Activation.leakyRelu(x, LEAK);
  }

  /** {@code block}, set to start from N(0, init_std) in every parameter when init_std is set. */
  private static SequentialBlock initialised(SequentialBlock block, Hyperparams params) {
    double std = params.doubleValue("init_std");
    if (std > 0) {
      block.setInitializer(new NormalInitializer((float) std), Parameter.Type.WEIGHT);
      block.setInitializer(new NormalInitializer((float) std), Parameter.Type.BIAS);
    }
    return block;
  }

  @Override
  protected NDArray noise(NDManager manager, long n) {
    return uniformNoise
        ? manager.randomUniform(0, 1, new Shape(n, latent))
        : super.noise(manager, n);
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    return game.step(batch, this);
  }

  /**
   * {@code val/d_real}, D's mean probability on held-out examples, and {@code val/d_fake} on as
   * many fresh samples; on generated data also how G's samples compare with the truth: the moment
   * errors on {@code gaussian-2d}, on {@code mixture-1d} the KS distance between as many samples
   * as there are held-out points and those points.
   */
  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    Map<String, Double> metrics = super.evaluate(manager);
    data.truth().ifPresent(t -> metrics.putAll(Evaluation.momentErrors(this, t, manager)));
    if (data.mixture().isPresent()) {
      int n = test.size();
      float[] generated = samples(n, manager).toFloatArray();
      metrics.put("val/ks", KsDistance.between(generated, test.values(0, n)));
    }
    return metrics;
  }

  @Override
  protected NDArray realInput(NDArray examples) {
    return examples;
  }

  @Override
  public Optional<OutlierScore> outlierScore() {
    return Optional.of(discriminatorScore());
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    return generate(manager, count, null, false);
  }

  /**
   * On images, an interpolation between codes; on {@code mixture-1d} with 1-D uniform noise, the
   * learned transform z -> G(z) beside the mixture's inverse CDF ({@link TransformPlot}).
   */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    if (test.isImage()) {
      return Map.of(
          "interpolation", LatentGrids.interpolation(manager, latent, generator::evaluate));
    }
    if (data.mixture().isPresent() && uniformNoise && latent == 1) {
      float[] z = TransformPlot.grid();
      NDArray codes = manager.create(z, new Shape(z.length, 1));
      float[] learned = generator.evaluate(codes).toFloatArray();
      return Map.of("transform", TransformPlot.draw(learned, data.mixture().get()));
    }
    return Map.of();
  }
}
