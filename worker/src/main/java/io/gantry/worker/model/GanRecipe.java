package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.TrialData;
import java.util.Map;

/**
 * The MLP GAN of Goodfellow et al. 2014 ({@link Adversarial} has the training game): G maps z ~
 * N(0, I) through two ReLU layers (none when {@code g_hidden} is 0, which makes G linear), with a
 * sigmoid output on images; D is an MLP with LeakyReLU.
 */
final class GanRecipe extends AdversarialRecipe {

  private static final float LEAK = 0.2f;

  private final TrialData data;

  GanRecipe(Hyperparams params, TrialData data) {
    super(params, generator(params, data), discriminator(params, data));
    this.data = data;
  }

  private static Network generator(Hyperparams params, TrialData data) {
    int gHidden = params.intValue("g_hidden");
    SequentialBlock g = Network.mlp(Activation::relu, gHidden, gHidden, data.train().features());
    if (data.train().isImage()) {
      g.addSingleton(Activation::sigmoid);
    }
    return Network.create(
        "generator",
        g,
        params.intValue("latent_dim"),
        params.doubleValue("lr_g"),
        params.doubleValue("beta1"));
  }

  private static Network discriminator(Hyperparams params, TrialData data) {
    int dHidden = params.intValue("d_hidden");
    SequentialBlock d = Network.mlp(x -> Activation.leakyRelu(x, LEAK), dHidden, dHidden, 1);
    return Network.create(
        "discriminator",
        d,
        data.train().features(),
        params.doubleValue("lr_d"),
        params.doubleValue("beta1"));
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
        ? Map.of("interpolation", LatentGrids.interpolation(manager, latent, generator::evaluate))
        : Map.of();
  }
}
