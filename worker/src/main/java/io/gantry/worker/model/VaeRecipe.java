package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An MLP variational autoencoder (Kingma and Welling 2014): the encoder gives the mean and
 * log-variance of q(z | x), z is drawn with the reparameterisation trick, the prior is N(0, I) and
 * the KL term is in closed form. The decoder outputs the logits of independent Bernoulli pixels,
 * grey values acting as soft targets (binary cross-entropy with logits, summed over pixels), as in
 * Kingma and Welling's experiments. The loss is the negative ELBO per example. Held out, it also
 * reports the importance-weighted bound of Burda et al. 2016 with {@value #IWAE_SAMPLES} samples, a
 * tighter estimate of log p(x). Images only: see {@link ModelCatalog#supports}.
 */
final class VaeRecipe implements ModelRecipe {

  /** k of the importance-weighted bound, as in Burda et al.'s reported figures. */
  static final int IWAE_SAMPLES = 100;

  // k decoder passes per example: 50 examples make 5,000 rows, about 16 MB of logits.
  private static final int IWAE_CHUNK = 50;

  // The traversal grid: each of the first latent dimensions from -3 to 3 around z = 0.
  private static final int TRAVERSED_DIMS = 10;
  private static final int TRAVERSAL_STEPS = 9;
  private static final float TRAVERSAL_RANGE = 3f;

  private final Examples test;
  private final List<String> classNames;
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
    this.classNames = data.classNames();
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
  public Map<String, Network> networks() {
    return Map.of("encoder", encoder, "decoder", decoder);
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    Map<String, Float> metrics = new HashMap<>();
    try (GradientCollector collector = Network.collectGradients()) {
      Terms terms = terms(batch.features(), true);
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
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.putAll(
        Evaluation.meanOverExamples(
            test,
            manager,
            batch -> Map.of("val/elbo", negativeElbo(batch.features()).neg())));
    metrics.putAll(
        Evaluation.meanOverExamples(
            test, manager, IWAE_CHUNK, batch -> Map.of("val/iwae", iwae(batch.features()))));
    return metrics;
  }

  /** The negative ELBO of each image, with one draw of z as in {@link #evaluate}. */
  @Override
  public Optional<OutlierScore> outlierScore() {
    return Optional.of(this::negativeElbo);
  }

  private NDArray negativeElbo(NDArray x) {
    Terms terms = terms(x, false);
    return terms.reconstruction().add(terms.kl());
  }

  /**
   * log (1/k) sum_k p(x, z_k) / q(z_k | x) for k draws z_k ~ q(z | x), per example. With z = mu +
   * sigma eps, log q(z | x) = -1/2 sum(eps^2 + log sigma^2) and log p(z) = -1/2 sum(z^2), up to the
   * same constant, which cancels.
   */
  private NDArray iwae(NDArray x) {
    long n = x.getShape().get(0);
    NDList posterior = encoder.evaluate(x).split(2, 1);
    NDArray mean = posterior.get(0);
    NDArray logVar = posterior.get(1);
    NDArray eps = x.getManager().randomNormal(new Shape(IWAE_SAMPLES, n, latent));
    NDArray z = mean.add(logVar.mul(0.5).exp().mul(eps));
    NDArray logits =
        decoder.evaluate(z.reshape(IWAE_SAMPLES * n, latent)).reshape(IWAE_SAMPLES, n, -1);
    NDArray logPx = Activation.softPlus(logits).sub(x.mul(logits)).sum(new int[] {2}).neg();
    NDArray logW =
        logPx
            .sub(z.square().sum(new int[] {2}).mul(0.5))
            .add(eps.square().add(logVar).sum(new int[] {2}).mul(0.5));
    NDArray max = logW.max(new int[] {0});
    return logW.sub(max).exp().mean(new int[] {0}).log().add(max);
  }

  /**
   * Decoded means along each of the first latent axes, the others held at 0; and the arithmetic of
   * the class codes.
   */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    int rows = Math.min(latent, TRAVERSED_DIMS);
    float[] z = new float[rows * TRAVERSAL_STEPS * latent];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < TRAVERSAL_STEPS; c++) {
        float value = -TRAVERSAL_RANGE + 2 * TRAVERSAL_RANGE * c / (TRAVERSAL_STEPS - 1);
        z[(r * TRAVERSAL_STEPS + c) * latent + r] = value;
      }
    }
    NDArray means = pixelMeans(manager.create(z, new Shape(rows * TRAVERSAL_STEPS, latent)));
    Map<String, ImageGrid> pictures = new HashMap<>();
    pictures.put("traversal", new ImageGrid(rows, TRAVERSAL_STEPS, means.toFloatArray()));
    pictures.putAll(LatentArithmetic.picture(classCodes(), manager));
    return pictures;
  }

  /** The mean of the encoder's means over each class's held-out images, decoded to pixel means. */
  @Override
  public Optional<ClassCodes> classCodes() {
    if (classNames.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new EncoderCodes(
            test,
            classNames,
            x -> encoder.evaluate(x).split(2, 1).get(0),
            this::pixelMeans));
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    NDArray z = manager.randomNormal(new Shape(count, latent));
    return pixelMeans(z);
  }

  /** The decoder's pixel means for codes {@code z}: draws of independent pixels look like noise. */
  private NDArray pixelMeans(NDArray z) {
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
