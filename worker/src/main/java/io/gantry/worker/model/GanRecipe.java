package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import io.gantry.worker.data.TrialData;
import java.util.HashMap;
import java.util.Map;

/**
 * The MLP GAN of Goodfellow et al. 2014, Algorithm 1: every batch is one discriminator step,
 * and every {@code k_disc_steps}-th one is followed by a generator step on fresh noise. The
 * discriminator outputs logits; the losses are written with softplus, which is the binary
 * cross-entropy without its overflow. The generator maximises log D(G(z)) ({@code
 * non_saturating}, the paper's practical advice) or minimises log(1 - D(G(z))) ({@code
 * minimax}, the game as stated).
 */
final class GanRecipe implements ModelRecipe {

  private static final float LEAK = 0.2f;

  private final TrialData data;
  private final int latent;
  private final int kDiscSteps;
  private final boolean nonSaturating;
  private final Network generator;
  private final Network discriminator;
  private long discSteps;

  GanRecipe(Hyperparams params, TrialData data) {
    this.data = data;
    this.latent = params.intValue("latent_dim");
    this.kDiscSteps = params.intValue("k_disc_steps");
    if (kDiscSteps < 1) {
      throw new IllegalArgumentException("k_disc_steps must be at least 1, got " + kDiscSteps);
    }
    this.nonSaturating = params.choice("generator_loss").equals("non_saturating");
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
  }

  @Override
  public Map<String, Block> networks() {
    return Map.of("generator", generator.block(), "discriminator", discriminator.block());
  }

  @Override
  public Map<String, Float> trainStep(NDArray batch) {
    Map<String, Float> metrics = new HashMap<>();
    NDManager manager = batch.getManager();
    long n = batch.getShape().get(0);
    NDArray fake = generator.forward(noise(manager, n)).stopGradient();
    try (GradientCollector collector = discriminator.collectGradients()) {
      NDArray realLogits = discriminator.forward(batch);
      NDArray fakeLogits = discriminator.forward(fake);
      // -log D(x) - log(1 - D(G(z))), averaged over the batch
      NDArray loss =
          Activation.softPlus(realLogits.neg()).mean().add(Activation.softPlus(fakeLogits).mean());
      collector.backward(loss);
      metrics.put("train/loss_d", loss.getFloat());
      metrics.put("train/d_real", Activation.sigmoid(realLogits).mean().getFloat());
      metrics.put("train/d_fake", Activation.sigmoid(fakeLogits).mean().getFloat());
    }
    discriminator.step();
    if (++discSteps % kDiscSteps == 0) {
      metrics.put("train/loss_g", generatorStep(manager, n));
    }
    return metrics;
  }

  private float generatorStep(NDManager manager, long n) {
    // Frozen, D passes gradients through to G but keeps none of its own, which would
    // otherwise add into its next step (DJL does not zero gradients before a backward).
    discriminator.freeze(true);
    try (GradientCollector collector = generator.collectGradients()) {
      NDArray logits = discriminator.forward(generator.forward(noise(manager, n)));
      NDArray loss =
          nonSaturating
              ? Activation.softPlus(logits.neg()).mean()
              : Activation.softPlus(logits).mean().neg();
      collector.backward(loss);
      generator.step();
      return loss.getFloat();
    } finally {
      discriminator.freeze(false);
    }
  }

  /**
   * {@code val/d_real}, D's mean probability on held-out images, and {@code val/d_fake} on as
   * many fresh samples; on generated data also the moment errors of G's samples.
   */
  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    Map<String, Double> metrics =
        Evaluation.meanOverExamples(
            data.test(),
            manager,
            x -> {
              NDArray fake = generator.evaluate(noise(x.getManager(), x.getShape().get(0)));
              return Map.of(
                  "val/d_real", probability(x),
                  "val/d_fake", probability(fake));
            });
    data.truth().ifPresent(t -> metrics.putAll(Evaluation.momentErrors(this, t, manager)));
    return metrics;
  }

  private NDArray probability(NDArray x) {
    return Activation.sigmoid(discriminator.evaluate(x)).reshape(-1);
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    return generator.evaluate(noise(manager, count));
  }

  private NDArray noise(NDManager manager, long n) {
    return manager.randomNormal(new Shape(n, latent));
  }

  @Override
  public void close() {
    discriminator.close();
    generator.close();
  }
}
