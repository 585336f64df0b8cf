package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.Moments;
import io.gantry.worker.data.TrialData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adversarial autoencoder of Makhzani et al. 2015: an MLP autoencoder (two ReLU layers each
 * way, a deterministic code) whose codes a discriminator on codes pushes towards a prior ({@link
 * CodePrior}). Each batch is a reconstruction step (encoder and decoder on the mean squared
 * error), then a regularisation step, which is {@link Adversarial}'s game with the prior's draws as
 * the data and the encoder as the generator: D learns to tell prior draws from codes, and the
 * encoder learns to fool it. New images are decoded prior draws.
 *
 * <p>As in the authors' code, each phase has its optimizers: the reconstruction steps encoder and
 * decoder with Adam at {@code lr}, the game steps the discriminator at {@code lr_d} and the
 * encoder at {@code lr_g}, under an Adam of its own (one Adam for both of the encoder's losses
 * lets the game's larger gradients set its step sizes, and the codes collapse to a point).
 */
final class AdversarialAutoencoderRecipe implements ModelRecipe, Adversarial.Players {

  private static final float LEAK = 0.2f;

  private final Examples test;
  private final List<String> classNames;
  private final int latent;
  private final CodePrior prior;
  private final Network encoder;
  // The encoder's weights under the Adam of the regularisation phase.
  private final Network encoderInGame;
  private final Network decoder;
  private final Network discriminator;
  private final Adversarial game;
  // The batch whose codes play the generator's part in the regularisation step under way.
  private NDArray encoding;

  AdversarialAutoencoderRecipe(Hyperparams params, TrialData data) {
    this.test = data.test();
    this.classNames = data.classNames();
    this.latent = params.intValue("latent_dim");
    this.prior = CodePrior.named(params.choice("prior"));
    int features = data.train().features();
    int hidden = params.intValue("hidden_dim");
    int dHidden = params.intValue("d_hidden");
    double lr = params.doubleValue("lr");
    this.encoder =
        Network.create(
            "encoder",
            Network.mlp(Activation::relu, hidden, hidden, latent),
            features,
            lr,
            Network.DEFAULT_BETA1);
    SequentialBlock decoderBlock = Network.mlp(Activation::relu, hidden, hidden, features);
    if (data.train().isImage()) {
      decoderBlock.addSingleton(Activation::sigmoid);
    }
    this.decoder = Network.create("decoder", decoderBlock, latent, lr, Network.DEFAULT_BETA1);
    this.discriminator =
        Network.create(
            "discriminator",
            Network.mlp(x -> Activation.leakyRelu(x, LEAK), dHidden, dHidden, 1),
            latent,
            params.doubleValue("lr_d"),
            params.doubleValue("beta1"));
    this.encoderInGame = encoder.withOwnAdam(params.doubleValue("lr_g"), params.doubleValue("beta1"));
    this.game = new Adversarial(encoderInGame, discriminator, params);
  }

  @Override
  public Map<String, Network> networks() {
    return Map.of(
        "encoder", encoder, "encoder-game", encoderInGame, "decoder", decoder, "discriminator", discriminator);
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    NDArray x = batch.features();
    float reconstruction;
    try (GradientCollector collector = Network.collectGradients()) {
      NDArray mse = decoder.forward(encoder.forward(x)).sub(x).square().mean();
      collector.backward(mse);
      reconstruction = mse.getFloat();
    }
    encoder.step();
    decoder.step();
    encoding = x;
    Map<String, Float> metrics;
    try {
      NDArray draws = prior.sample(x.getManager(), batch.size(), latent);
      metrics = new HashMap<>(game.step(new Batch(draws, Optional.empty()), this));
    } finally {
      encoding = null;
    }
    metrics.put("train/loss", reconstruction);
    return metrics;
  }

  @Override
  public NDArray fakeLabels(NDManager manager, long n) {
    return null;
  }

  /** The codes of the batch being trained on: the encoder is the generator of the game. */
  @Override
  public NDArray generate(NDManager manager, long n, NDArray labels, boolean training) {
    if (encoding == null || encoding.getShape().get(0) != n) {
      throw new IllegalStateException("the encoder generates codes of the batch in training only");
    }
    return training ? encoder.forward(encoding) : encoder.evaluate(encoding);
  }

  @Override
  public NDArray discriminate(NDArray codes, NDArray labels, boolean training) {
    return training ? discriminator.forward(codes) : discriminator.evaluate(codes);
  }

  /**
   * {@code val/mse} of the held-out reconstructions; {@code val/d_code}, D's accuracy at telling
   * the held-out codes from as many prior draws, 0.5 when it cannot; and how far the codes' mean
   * and covariance are from the prior's, {@code val/code_mean_error} and {@code
   * val/code_cov_error}.
   */
  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    Map<String, Double> metrics = new LinkedHashMap<>(heldOut(manager));
    Moments codes = Moments.of(codes(manager), latent);
    Moments target = prior.moments(latent);
    metrics.put("val/code_mean_error", codes.meanError(target));
    metrics.put("val/code_cov_error", codes.covError(target));
    return metrics;
  }

  private float[] codes(NDManager manager) {
    float[] codes = new float[test.size() * latent];
    int chunk = 1000;
    for (int from = 0; from < test.size(); from += chunk) {
      int to = Math.min(test.size(), from + chunk);
      try (NDManager rows = manager.newSubManager()) {
        float[] part = encoder.evaluate(test.rows(rows, from, to)).toFloatArray();
        System.arraycopy(part, 0, codes, from * latent, part.length);
      }
    }
    return codes;
  }

  private Map<String, Double> heldOut(NDManager manager) {
    return Evaluation.meanOverExamples(
            test,
            manager,
            batch -> {
              NDArray x = batch.features();
              NDArray codes = encoder.evaluate(x);
              NDArray draws = prior.sample(x.getManager(), batch.size(), latent);
              NDArray codeCalledCode = calledPrior(codes).neg().add(1);
              return Map.of(
                  "val/mse", reconstructionError(x),
                  "val/d_code", calledPrior(draws).add(codeCalledCode).div(2));
            });
  }

  /** 1 where D takes a code for a prior draw (a positive logit), else 0. */
  private NDArray calledPrior(NDArray codes) {
    return discriminator.evaluate(codes).reshape(-1).gt(0).toType(DataType.FLOAT32, false);
  }

  /** Decoded prior draws. */
  @Override
  public NDArray samples(int count, NDManager manager) {
    return decoder.evaluate(prior.sample(manager, count, latent));
  }

  /** The reconstruction error per image, as the other autoencoders score how unlikely it is. */
  @Override
  public Optional<OutlierScore> outlierScore() {
    return Optional.of(this::reconstructionError);
  }

  private NDArray reconstructionError(NDArray x) {
    return decoder.evaluate(encoder.evaluate(x)).sub(x).square().mean(new int[] {1});
  }

  /**
   * The arithmetic of the class codes, and with 2-D codes the held-out images' codes over prior
   * draws ({@link CodeScatter}).
   */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    Map<String, ImageGrid> pictures =
        new HashMap<>(LatentArithmetic.picture(classCodes(), manager));
    if (latent == 2) {
      float[] draws = prior.sample(manager, test.size(), latent).toFloatArray();
      pictures.put(CodeScatter.KIND, CodeScatter.draw(codes(manager), test, classNames, draws));
    }
    return pictures;
  }

  /** The mean of the encoder's codes over each class's held-out images, decoded. */
  @Override
  public Optional<ClassCodes> classCodes() {
    return classNames.isEmpty()
        ? Optional.empty()
        : Optional.of(new EncoderCodes(test, classNames, encoder::evaluate, decoder::evaluate));
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
    decoder.close();
    encoderInGame.close();
    encoder.close();
  }
}
