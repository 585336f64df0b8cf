package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import java.util.HashMap;
import java.util.Map;

/**
 * An MLP variational autoencoder (Kingma and Welling 2014): the encoder gives the mean and
 * log-variance of q(z | x), z is drawn with the reparameterisation trick, the prior is N(0, I)
 * and the KL term is in closed form. The decoder outputs the logits of independent Bernoulli
 * pixels, grey values acting as soft targets (binary cross-entropy with logits, summed over
 * pixels), as in Kingma and Welling's experiments. The loss is the negative ELBO per example.
 * Images only: see {@link ModelCatalog#supports}.
 */
final class VaeRecipe implements ModelRecipe {

  private final Examples test;
  private final int latent;
  private final Network encoder;
  private final Network decoder;

  /** The two terms of the negative ELBO, per example. */
  private record Terms(NDArray reconstruction, NDArray kl) {}

  VaeRecipe(Hyperparams params, TrialData data) {
    if (!data.train().isImage()) {
      throw new IllegalArgumentException("the VAE's Bernoulli decoder needs images in [0, 1]");
    }
    this.test = data.test();
    this.latent = params.intValue("latent_dim");
    int features = data.train().features();
    int hidden = params.intValue("hidden_dim");
    double lr = params.doubleValue("lr");
    this.encoder =
        Network.create(
            "encoder",
            Network.mlp(Activation::relu, hidden, 2 * latent),
            features,
            lr,
            Network.DEFAULT_BETA1);
    this.decoder =
        Network.create(
            "decoder",
            Network.mlp(Activation::relu, hidden, features),
            latent,
            lr,
            Network.DEFAULT_BETA1);
  }

  @Override
  public Map<String, Block> networks() {
    return Map.of("encoder", encoder.block(), "decoder", decoder.block());
  }

  @Override
  public Map<String, Float> trainStep(NDArray batch) {
    Map<String, Float> metrics = new HashMap<>();
    try (GradientCollector collector = encoder.collectGradients()) {
      Terms terms = terms(batch, true);
      NDArray recon = terms.reconstruction().mean();
      NDArray kl = terms.kl().mean();
      NDArray loss = recon.add(kl);
      collector.backward(loss);
      metrics.put("train/loss", loss.getFloat());
      metrics.put("train/recon", recon.getFloat());
      metrics.put("train/kl", kl.getFloat());
    }
    encoder.step();
    decoder.step();
    return metrics;
  }

  /** The ELBO is estimated with one draw of z per held-out example, as in training. */
  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    return Evaluation.meanOverExamples(
        test,
        manager,
        x -> {
          Terms terms = terms(x, false);
          return Map.of("val/elbo", terms.reconstruction().add(terms.kl()).neg());
        });
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    NDArray z = manager.randomNormal(new Shape(count, latent));
    // Pixel means: draws of independent pixels look like noise and show less.
    return Activation.sigmoid(decoder.evaluate(z));
  }

  private Terms terms(NDArray x, boolean training) {
    NDList posterior = (training ? encoder.forward(x) : encoder.evaluate(x)).split(2, 1);
    NDArray mean = posterior.get(0);
    NDArray logVar = posterior.get(1);
    NDArray noise = x.getManager().randomNormal(mean.getShape());
    NDArray z = mean.add(logVar.mul(0.5).exp().mul(noise));
    NDArray logits = training ? decoder.forward(z) : decoder.evaluate(z);
    NDArray kl = mean.square().add(logVar.exp()).sub(1).sub(logVar).sum(new int[] {1}).mul(0.5);
    // softplus(l) - x l is BCE with logits; torch's softplus stays exact for large |l|
    NDArray reconstruction = Activation.softPlus(logits).sub(x.mul(logits)).sum(new int[] {1});
    return new Terms(reconstruction, kl);
  }

  @Override
  public void close() {
    decoder.close();
    encoder.close();
  }
}
