package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.eval.Ssim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * pix2pix (Isola et al. 2017): paired image-to-image translation, a {@link UNet} G from the
 * task's input ({@link PairedTask}: computed from the image, or the data's own paired input) to
 * the image and a PatchGAN D ({@link ConvNets#patchDiscriminator}) judging each patch of the input
 * stacked on the real or the translated image. Each batch is one D step, the mean of its two cross-entropies (the paper
 * halves D's objective), then one G step on the non-saturating loss plus {@code l1_weight} times
 * the L1 distance to the target (100 in the paper), which carries the low frequencies the patches
 * leave to it. What the model makes are translations of held-out inputs.
 */
final class Pix2pixRecipe implements ModelRecipe {

  private static final int PICTURE_ROWS = 8;

  private final Network generator;
  private final Network discriminator;
  private final PairedTask task;
  private final double l1Weight;
  private final Examples test;
  private final Images layout;
  private final int rows;
  private final int cols;

  Pix2pixRecipe(Hyperparams params, TrialData data) {
    this.layout = Images.of(data.train(), "pix2pix");
    int[] shape = data.train().exampleShape();
    this.rows = shape[0];
    this.cols = shape[1];
    this.task = PairedTask.of(params.choice("task"), rows, cols);
    if (task == PairedTask.PAIRED && !(data.train().hasInputs() && data.test().hasInputs())) {
      throw new IllegalArgumentException(
          "pix2pix's task paired needs a data set with input_images and test_input_images");
    }
    this.l1Weight = params.doubleValue("l1_weight");
    this.test = data.test();
    double beta1 = params.doubleValue("beta1");
    this.generator =
        Network.create(
            "generator",
            new UNet(params.intValue("g_channels")),
            new Shape(1, 1, Images.SIZE, Images.SIZE),
            params.doubleValue("lr_g"),
            beta1,
            Network.DEFAULT_BETA2);
    this.discriminator =
        Network.create(
            "discriminator",
            ConvNets.patchDiscriminator(params.intValue("d_channels")),
            new Shape(1, 2, Images.SIZE, Images.SIZE),
            params.doubleValue("lr_d"),
            beta1,
            Network.DEFAULT_BETA2);
  }

  @Override
  public Map<String, Network> networks() {
    return Map.of("generator", generator, "discriminator", discriminator);
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    NDArray target = layout.toNetwork(batch.features());
    NDArray input = layout.toNetwork(task.input(batch, rows, cols));
    Map<String, Float> metrics = new HashMap<>();
    NDArray fake = generator.forward(input).stopGradient();
    try (GradientCollector collector = Network.collectGradients()) {
      NDArray realLogits = discriminator.forward(input.concat(target, 1));
      NDArray fakeLogits = discriminator.forward(input.concat(fake, 1));
      NDArray loss =
          Activation.softPlus(realLogits.neg()).mean().add(Activation.softPlus(fakeLogits).mean()).div(2);
      collector.backward(loss);
      metrics.put("train/loss_d", loss.getFloat());
      metrics.put("train/d_real", Activation.sigmoid(realLogits).mean().getFloat());
      metrics.put("train/d_fake", Activation.sigmoid(fakeLogits).mean().getFloat());
    }
    discriminator.step();
    // Frozen, D passes gradients through to G and keeps none of its own (see Adversarial).
    discriminator.freeze(true);
    try (GradientCollector collector = Network.collectGradients()) {
      NDArray translated = generator.forward(input);
      NDArray adversarial =
          Activation.softPlus(discriminator.forward(input.concat(translated, 1)).neg()).mean();
      NDArray l1 = translated.sub(target).abs().mean();
      collector.backward(adversarial.add(l1.mul(l1Weight)));
      generator.step();
      metrics.put("train/loss_g", adversarial.getFloat());
      // in [0, 1] pixels, as val/l1, though over the padded 32x32 images G makes
      metrics.put("train/l1", l1.getFloat() / 2);
    } finally {
      discriminator.freeze(false);
    }
    return metrics;
  }

  /**
   * {@code val/l1} and {@code val/ssim} of the translated held-out inputs against their images,
   * and {@code val/copy_l1}, the L1 of the input itself: the baseline of a G that copies.
   */
  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    return Evaluation.meanOverExamples(
        test,
        manager,
        batch -> {
          NDArray images = batch.features();
          NDArray input = task.input(batch, rows, cols);
          NDArray translated = translate(input);
          return Map.of(
              "val/l1", translated.sub(images).abs().mean(new int[] {1}),
              "val/copy_l1", input.sub(images).abs().mean(new int[] {1}),
              "val/ssim", Ssim.perImage(translated, images, rows, cols));
        });
  }

  /** Translations of the first {@code count} held-out inputs, from the first again past the end. */
  @Override
  public NDArray samples(int count, NDManager manager) {
    return translations(0, count, manager);
  }

  /** Each pass walks on through the held-out inputs, so that chunks are not the same images. */
  @Override
  public BiFunction<Integer, NDManager, NDArray> draws() {
    int[] next = {0};
    return (count, manager) -> {
      NDArray translated = translations(next[0], count, manager);
      next[0] = (next[0] + count) % test.size();
      return translated;
    };
  }

  private NDArray translations(int from, int count, NDManager manager) {
    List<NDArray> parts = new ArrayList<>();
    int start = from;
    for (int left = count; left > 0; ) {
      int n = Math.min(left, test.size() - start);
      parts.add(translate(task.input(test.slice(manager, start, start + n), rows, cols)));
      left -= n;
      start = (start + n) % test.size();
    }
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts));
  }

  /** G's translations of {@code input}, rows of the data's layout. */
  private NDArray translate(NDArray input) {
    return layout.fromNetwork(generator.evaluate(layout.toNetwork(input)));
  }

  /** Input, translation and image of the first held-out images, a row each. */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    int n = Math.min(PICTURE_ROWS, test.size());
    Batch first = test.slice(manager, 0, n);
    NDArray images = first.features();
    NDArray input = task.input(first, rows, cols);
    NDArray triples = NDArrays.stack(new NDList(input, translate(input), images), 1);
    return Map.of("translation", new ImageGrid(n, 3, triples.toFloatArray()));
  }

  @Override
  public void close() {
    discriminator.close();
    generator.close();
  }
}
