package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.eval.FidMeter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * CycleGAN (Zhu et al. 2017): unpaired translation between two domains, here two disjoint sets of
 * the data's classes (a class each, or several: sneakers and sandals to ankle boots). G takes A to
 * B and F takes B to A ({@link UNet}s), and a PatchGAN D per domain ({@link
 * ConvNets#patchDiscriminator}) judges whether an image is one of its domain's or a translation
 * into it. Both games use the least-squares loss, as the paper does: D pushes its outputs towards
 * 1 on real images and 0 on translations, each G pushes D's outputs on its translations towards 1.
 * What ties a translation to its input is the cycle: F(G(a)) must give a back and G(F(b)) b, by
 * L1 weighted {@code cycle_weight} (10 in the paper); {@code identity_weight} adds the L1 of each
 * G left alone on its own target domain (G(b) = b).
 *
 * <p>Each step trains on the batch's images of the two domains (the loop's batches are of every
 * class the data keeps), one D step for both Ds and then one step for both Gs; a batch without
 * images of one of the domains is skipped. Left out of the paper's method: its ResNet generator
 * (the U-Net at 32x32 has the same reach), instance norm (batch norm, as in pix2pix) and the pool
 * of 50 past translations D sees, which damps oscillation over a training of 200 epochs, not
 * the minutes this runs.
 */
final class CycleGanRecipe implements ModelRecipe {

  private static final int PICTURE_ROWS = 4;

  private final Network generatorAb;
  private final Network generatorBa;
  private final Network discriminatorA;
  private final Network discriminatorB;
  private final Set<Integer> labelsA;
  private final Set<Integer> labelsB;
  private final double cycleWeight;
  private final double identityWeight;
  private final Examples testA;
  private final Examples testB;
  private final Images layout;

  CycleGanRecipe(Hyperparams params, TrialData data) {
    this.layout = Images.of(data.train(), "cyclegan");
    if (!data.train().hasLabels() || !data.test().hasLabels()) {
      throw new IllegalArgumentException("cyclegan takes its two domains from the data's classes, and this data has no labels");
    }
    List<String> classesA = params.choices("domain_a");
    List<String> classesB = params.choices("domain_b");
    List<String> shared = classesA.stream().filter(classesB::contains).toList();
    if (!shared.isEmpty()) {
      throw new IllegalArgumentException(
          "cyclegan's domain_a and domain_b share " + String.join(", ", shared) + ": the domains must be apart");
    }
    for (Examples split : List.of(data.train(), data.test())) {
      Stream.concat(classesA.stream(), classesB.stream()).forEach(c -> requireImages(split, c));
    }
    this.labelsA = labels(classesA);
    this.labelsB = labels(classesB);
    this.testA = data.test().ofClasses(labelsA::contains);
    this.testB = data.test().ofClasses(labelsB::contains);
    this.cycleWeight = params.doubleValue("cycle_weight");
    this.identityWeight = params.doubleValue("identity_weight");
    double beta1 = params.doubleValue("beta1");
    Shape image = new Shape(1, 1, Images.SIZE, Images.SIZE);
    this.generatorAb = generator(params, "generator_ab", image, beta1);
    this.generatorBa = generator(params, "generator_ba", image, beta1);
    this.discriminatorA = discriminator(params, "discriminator_a", image, beta1);
    this.discriminatorB = discriminator(params, "discriminator_b", image, beta1);
  }

  private static Network generator(Hyperparams params, String name, Shape image, double beta1) {
    return Network.create(
        name,
        new UNet(params.intValue("g_channels")),
        image,
        params.doubleValue("lr_g"),
        beta1,
        Network.DEFAULT_BETA2);
  }

  private static Network discriminator(Hyperparams params, String name, Shape image, double beta1) {
    return Network.create(
        name,
        ConvNets.patchDiscriminator(params.intValue("d_channels")),
        image,
        params.doubleValue("lr_d"),
        beta1,
        Network.DEFAULT_BETA2);
  }

  /** The labels of a domain's classes: their places among Fashion-MNIST's names, in any labelled set. */
  private static Set<Integer> labels(List<String> classNames) {
    return classNames.stream().map(CycleGanRecipe::label).collect(Collectors.toUnmodifiableSet());
  }

  private static int label(String className) {
    return DatasetSpec.FASHION_MNIST_CLASS_NAMES.indexOf(className);
  }

  // Every class, not only every domain, so that a domain is what its parameter says in both splits.
  private static void requireImages(Examples split, String className) {
    int label = label(className);
    if (IntStream.range(0, split.size()).noneMatch(i -> split.label(i) == label)) {
      throw new IllegalArgumentException(
          "cyclegan's domain class '" + className + "' (label " + label + ") has no images in a split of the data");
    }
  }

  @Override
  public Map<String, Network> networks() {
    return Map.of(
        "generator_ab", generatorAb,
        "generator_ba", generatorBa,
        "discriminator_a", discriminatorA,
        "discriminator_b", discriminatorB);
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    NDArray a = imagesOf(batch, labelsA);
    NDArray b = imagesOf(batch, labelsB);
    if (a == null || b == null) {
      return Map.of();
    }
    Map<String, Float> metrics = new HashMap<>();
    NDArray fakeB = generatorAb.forward(a).stopGradient();
    NDArray fakeA = generatorBa.forward(b).stopGradient();
    try (GradientCollector collector = Network.collectGradients()) {
      NDArray loss = dLoss(discriminatorA, a, fakeA).add(dLoss(discriminatorB, b, fakeB));
      collector.backward(loss);
      metrics.put("train/loss_d", loss.getFloat() / 2);
    }
    discriminatorA.step();
    discriminatorB.step();
    // Frozen, the Ds pass gradients through to the Gs and keep none of their own (see Adversarial).
    discriminatorA.freeze(true);
    discriminatorB.freeze(true);
    try (GradientCollector collector = Network.collectGradients()) {
      NDArray translatedB = generatorAb.forward(a);
      NDArray translatedA = generatorBa.forward(b);
      NDArray adversarial =
          squaredDistance(discriminatorB.forward(translatedB), 1)
              .add(squaredDistance(discriminatorA.forward(translatedA), 1));
      NDArray cycle =
          l1(generatorBa.forward(translatedB), a).add(l1(generatorAb.forward(translatedA), b));
      NDArray loss = adversarial.add(cycle.mul(cycleWeight));
      if (identityWeight > 0) {
        NDArray identity = l1(generatorAb.forward(b), b).add(l1(generatorBa.forward(a), a));
        loss = loss.add(identity.mul(identityWeight));
      }
      collector.backward(loss);
      generatorAb.step();
      generatorBa.step();
      metrics.put("train/loss_g", adversarial.getFloat() / 2);
      // the mean of the two directions, in [0, 1] pixels as val/cycle_l1
      metrics.put("train/cycle_l1", cycle.getFloat() / 4);
    } finally {
      discriminatorA.freeze(false);
      discriminatorB.freeze(false);
    }
    return metrics;
  }

  /** D's least-squares loss, halved as in the paper: real towards 1, translations towards 0. */
  private static NDArray dLoss(Network discriminator, NDArray real, NDArray translated) {
    return squaredDistance(discriminator.forward(real), 1)
        .add(squaredDistance(discriminator.forward(translated), 0))
        .div(2);
  }

  private static NDArray squaredDistance(NDArray outputs, float target) {
    return outputs.sub(target).square().mean();
  }

  private static NDArray l1(NDArray x, NDArray y) {
    return x.sub(y).abs().mean();
  }

  /** The batch's images of the classes {@code domain} in the networks' layout; null when it has none. */
  private NDArray imagesOf(Batch batch, Set<Integer> domain) {
    long[] labels = batch.labels().orElseThrow().toLongArray();
    float[] values = batch.features().toFloatArray();
    int features = values.length / labels.length;
    int count = 0;
    float[] kept = new float[values.length];
    for (int i = 0; i < labels.length; i++) {
      if (domain.contains((int) labels[i])) {
        System.arraycopy(values, i * features, kept, count++ * features, features);
      }
    }
    if (count == 0) {
      return null;
    }
    float[] rows = Arrays.copyOf(kept, count * features);
    return layout.toNetwork(batch.features().getManager().create(rows, new Shape(count, features)));
  }

  /**
   * {@code val/cycle_l1}: how far F(G(a)) and G(F(b)) are from the held-out a and b, in [0, 1]
   * pixels, the mean over the images of both domains.
   */
  @Override
  public Map<String, Double> evaluate(NDManager manager) {
    double sumA = cycleL1(testA, generatorAb, generatorBa, manager);
    double sumB = cycleL1(testB, generatorBa, generatorAb, manager);
    return Map.of("val/cycle_l1", (sumA + sumB) / (testA.size() + testB.size()));
  }

  /** The sum over {@code images} of each image's mean L1 to its round trip there and back. */
  private double cycleL1(Examples images, Network there, Network back, NDManager manager) {
    return Evaluation.meanOverExamples(
                images,
                manager,
                batch -> {
                  NDArray x = batch.features();
                  NDArray roundTrip = translate(back, translate(there, x));
                  return Map.of("l1", roundTrip.sub(x).abs().mean(new int[] {1}));
                })
            .get("l1")
        * images.size();
  }

  /**
   * {@code val/fid_b} of G's translations of the held-out A images against the B images, {@code
   * val/fid_a} of F's the other way, and {@code val/target_class_rate}, the share of both
   * directions' translations the classifier assigns to one of the target domain's classes.
   */
  @Override
  public Map<String, Double> sampleMetrics(FidMeter meter, int count, NDManager manager) {
    FidMeter.Translation intoB = judge(meter, testA, generatorAb, testB, labelsB, count, manager);
    FidMeter.Translation intoA = judge(meter, testB, generatorBa, testA, labelsA, count, manager);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("val/fid_a", intoA.fid());
    metrics.put("val/fid_b", intoB.fid());
    metrics.put(
        "val/target_class_rate",
        (intoA.inTargetClasses() + intoB.inTargetClasses())
            / (double) (intoA.count() + intoB.count()));
    return metrics;
  }

  private FidMeter.Translation judge(
      FidMeter meter,
      Examples from,
      Network generator,
      Examples target,
      Set<Integer> targetLabels,
      int count,
      NDManager manager) {
    int n = Math.min(count, from.size());
    int[] next = {0};
    BiFunction<Integer, NDManager, NDArray> draw =
        (chunk, chunkManager) -> {
          NDArray translated =
              translate(generator, from.rows(chunkManager, next[0], next[0] + chunk));
          next[0] += chunk;
          return translated;
        };
    return meter.judgeTranslations(target, n, draw, targetLabels::contains, manager);
  }

  /** G's translations of the first held-out A images. */
  @Override
  public NDArray samples(int count, NDManager manager) {
    int n = Math.min(count, testA.size());
    return translate(generatorAb, testA.rows(manager, 0, n));
  }

  /** {@code generator}'s translations of {@code flat}, rows of the data's layout. */
  private NDArray translate(Network generator, NDArray flat) {
    return layout.fromNetwork(generator.evaluate(layout.toNetwork(flat)));
  }

  /**
   * Round trips, a row each: a, G(a), F(G(a)) for the first held-out A images, then b, F(b),
   * G(F(b)) for the first B images.
   */
  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    int nA = Math.min(PICTURE_ROWS, testA.size());
    int nB = Math.min(PICTURE_ROWS, testB.size());
    NDArray rowsA = roundTrips(testA.rows(manager, 0, nA), generatorAb, generatorBa);
    NDArray rowsB = roundTrips(testB.rows(manager, 0, nB), generatorBa, generatorAb);
    NDArray grid = rowsA.concat(rowsB, 0);
    return Map.of("cycle", new ImageGrid(nA + nB, 3, grid.toFloatArray()));
  }

  private NDArray roundTrips(NDArray images, Network there, Network back) {
    NDArray translated = translate(there, images);
    return NDArrays.stack(new NDList(images, translated, translate(back, translated)), 1);
  }

  @Override
  public void close() {
    discriminatorB.close();
    discriminatorA.close();
    generatorBa.close();
    generatorAb.close();
  }
}
