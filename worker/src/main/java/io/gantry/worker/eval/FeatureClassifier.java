package io.gantry.worker.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import io.gantry.worker.model.Network;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * The small CNN whose penultimate layer is FID's feature space on grey images: two 3x3 convolutions
 * (16 and 32 maps) with ReLU and 2x2 max pooling, a dense layer of {@value #FEATURES} ReLU units
 * (the features), and a dense layer to the class logits. Trained with Adam on the labelled training
 * images; Inception-v3, the usual feature extractor, knows photographs, not 28x28 clothes.
 */
final class FeatureClassifier implements AutoCloseable {

  /** Size of the feature vectors. */
  static final int FEATURES = 128;

  private static final int BATCH = 128;
  private static final double LR = 1e-3;
  private static final int CHUNK = 500;

  private final int rows;
  private final int cols;
  private final int classes;
  private final Network features;
  private final Network head;

  /** A new classifier for images of {@code imageShape}, its weights drawn from {@code seed}. */
  FeatureClassifier(int[] imageShape, int classes, long seed) {
    // seeded before the networks exist: their initial weights are the first numbers drawn
    Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    this.rows = imageShape[0];
    this.cols = imageShape[1];
    this.classes = classes;
    SequentialBlock body =
        new SequentialBlock()
            .add(conv(16))
            .addSingleton(Activation::relu)
            .addSingleton(FeatureClassifier::pool)
            .add(conv(32))
            .addSingleton(Activation::relu)
            .addSingleton(FeatureClassifier::pool)
            .addSingleton(x -> x.reshape(x.getShape().get(0), -1))
            .add(Linear.builder().setUnits(FEATURES).build())
            .addSingleton(Activation::relu);
    this.features =
        Network.create(
            "fid-features",
            body,
            new Shape(1, 1, rows, cols),
            LR,
            Network.DEFAULT_BETA1,
            Network.DEFAULT_BETA2);
    this.head =
        Network.create(
            "fid-head",
            Linear.builder().setUnits(classes).build(),
            new Shape(1, FEATURES),
            LR,
            Network.DEFAULT_BETA1,
            Network.DEFAULT_BETA2);
  }

  private static Conv2d conv(int filters) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .build();
  }

  private static NDArray pool(NDArray x) {
    Shape two = new Shape(2, 2);
    return Pool.maxPool2d(x, two, two, new Shape(0, 0), false);
  }

  /** {@code epochs} shuffled passes of Adam over {@code train}, seeded by {@code seed}. */
  void train(Examples train, int epochs, long seed, NDManager manager) {
    Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    Random shuffle = new Random(seed);
    Loss loss = Loss.softmaxCrossEntropyLoss();
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (int from = 0; from < order.length; from += BATCH) {
        try (NDManager step = manager.newSubManager();
            GradientCollector collector = Network.collectGradients()) {
          Batch batch = train.batch(step, order, from, Math.min(order.length, from + BATCH));
          NDArray logits = head.forward(features.forward(images(batch.features())));
          NDArray value =
              loss.evaluate(new NDList(batch.labels().orElseThrow()), new NDList(logits));
          collector.backward(value);
        }
        features.step();
        head.step();
      }
    }
  }

  /** Fraction of {@code test} classified right; call with grad mode off. */
  double accuracy(Examples test, NDManager manager) {
    long right = 0;
    for (int from = 0; from < test.size(); from += CHUNK) {
      try (NDManager chunk = manager.newSubManager()) {
        Batch batch = test.slice(chunk, from, Math.min(test.size(), from + CHUNK));
        NDArray predicted = classify(features(batch.features()));
        right +=
            predicted
                .toType(DataType.INT64, false)
                .eq(batch.labels().orElseThrow())
                .sum()
                .getLong();
      }
    }
    return right / (double) test.size();
  }

  /** The {@code (n, FEATURES)} features of {@code (n, rows * cols)} images in [0, 1]. */
  NDArray features(NDArray flat) {
    return features.evaluate(images(flat));
  }

  /** The {@code (n)} classes the classifier assigns to {@code (n, FEATURES)} features. */
  NDArray classify(NDArray features) {
    return head.evaluate(features).argMax(1);
  }

  /** The number of classes it tells apart. */
  int classes() {
    return classes;
  }

  private NDArray images(NDArray flat) {
    return flat.reshape(flat.getShape().get(0), 1, rows, cols);
  }

  void save(DataOutputStream out) throws IOException {
    features.saveParameters(out);
    head.saveParameters(out);
  }

  void load(DataInputStream in) throws IOException {
    features.loadParameters(in);
    head.loadParameters(in);
  }

  @Override
  public void close() {
    head.close();
    features.close();
  }
}
