package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import java.util.Map;

/**
 * An MLP autoencoder ({@code features -> hidden -> latent -> hidden -> features}) trained on the
 * mean squared error; images get a sigmoid output so reconstructions stay in [0, 1].
 */
final class AutoencoderRecipe implements ModelRecipe {

  private final Examples test;
  private final Network encoder;
  private final Network decoder;

  AutoencoderRecipe(Hyperparams params, TrialData data) {
    this.test = data.test();
    int features = data.train().features();
    int hidden = params.intValue("hidden_dim");
    int latent = params.intValue("latent_dim");
    double lr = params.doubleValue("lr");
    SequentialBlock decoderBlock = Network.mlp(Activation::relu, hidden, features);
    if (data.train().isImage()) {
      decoderBlock.addSingleton(Activation::sigmoid);
    }
    this.encoder =
        Network.create(
            "encoder", Network.mlp(Activation::relu, hidden, latent), features, lr, Network.DEFAULT_BETA1);
    this.decoder = Network.create("decoder", decoderBlock, latent, lr, Network.DEFAULT_BETA1);
  }

  @Override
  public Map<String, Block> networks() {
    return Map.of("encoder", encoder.block(), "decoder", decoder.block());
  }

  @Override
  public Map<String, Float> trainStep(NDArray batch) {
    float loss;
    try (GradientCollector collector = encoder.collectGradients()) {
      NDArray mse = decoder.forward(encoder.forward(batch)).sub(batch).square().mean();
      collector.backward(mse);
      loss = mse.getFloat();
    }
    encoder.step();
    decoder.step();
    return Map.of("train/loss", loss);
  }

  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    return Evaluation.meanOverExamples(
        test, manager, x -> Map.of("val/mse", reconstruct(x).sub(x).square().mean(new int[] {1})));
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    return reconstruct(test.rows(manager, 0, Math.min(count, test.size())));
  }

  private NDArray reconstruct(NDArray x) {
    return decoder.evaluate(encoder.evaluate(x));
  }

  @Override
  public void close() {
    decoder.close();
    encoder.close();
  }
}
