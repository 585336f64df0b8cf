package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * StyleGAN's generator (Karras et al. 2019) at 32x32 with {@code channels} feature maps at every
 * resolution. A mapping network of {@code mappingLayers} equalised dense layers (LeakyReLU, at a
 * hundredth of the learning rate, as in the paper) takes each pixel-normalised z to a w; the
 * synthesis network starts from a learned constant 4x4 input and runs {@link #LAYERS} {@link
 * StyledLayer}s, two per resolution (one at 4x4, whose input is the constant), doubling the
 * resolution by nearest upsampling, and a 1x1 convolution to the grey image.
 *
 * <p>The input is one z per styled layer, {@code (n, LAYERS, latent)}: the same z in every layer
 * for a plain draw, two z's split at a crossover layer for style mixing. Training passes keep a
 * moving average of w (decay 0.995, as the paper's code), saved with the weights, for the
 * truncation trick: with {@link #setTruncation} psi below 1, every w is drawn towards it, {@code
 * w_avg + psi (w - w_avg)}.
 */
final class StyleGanGenerator extends AbstractBlock {

  /** Styled layers: 4x4, 8x8, 8x8, 16x16, 16x16, 32x32, 32x32. */
  static final int LAYERS = 7;

  /** The layers whose styles are coarse (up to 8x8, as the paper counts them); the rest are fine. */
  static final int COARSE_LAYERS = 3;

  private static final byte VERSION = 1;
  private static final int BASE = 4;
  private static final float MAPPING_LR = 0.01f;
  private static final float W_AVERAGE_DECAY = 0.995f;

  private final int channels;
  private final int latent;
  private final Block mapping;
  private final List<StyledLayer> layers = new ArrayList<>();
  private final Block toImage;
  private final Parameter constant;
  private final Parameter wAverage;
  private float psi = 1f;

  StyleGanGenerator(int latent, int mappingLayers, int channels) {
    super(VERSION);
    this.channels = channels;
    this.latent = latent;
    SequentialBlock map = new SequentialBlock().addSingleton(ProganLayers::pixelNorm);
    for (int i = 0; i < mappingLayers; i++) {
      map.add(Equalized.dense(latent, Equalized.RELU_GAIN, MAPPING_LR)).addSingleton(ProganLayers::leaky);
    }
    this.mapping = addChildBlock("mapping", map);
    for (int i = 0; i < LAYERS; i++) {
      layers.add(addChildBlock("styled" + i, new StyledLayer(channels, i > 0)));
    }
    this.toImage = addChildBlock("image", Equalized.conv(1, 1, 1f));
    this.constant =
        addParameter(
            Parameter.builder()
                .setName("constant")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(1f))
                .optShape(new Shape(1, channels, BASE, BASE))
                .build());
    // Statistics, not weights: no gradient, no optimizer, left out of freezing like BatchNorm's.
    this.wAverage =
        addParameter(
            Parameter.builder()
                .setName("w_average")
                .setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false)
                .optInitializer(new ConstantInitializer(0f))
                .optShape(new Shape(latent))
                .build());
  }

  /** Side of the images that layer {@code layer} works at. */
  static int resolution(int layer) {
    return BASE << ((layer + 1) / 2);
  }

  /** How far every w is drawn towards the average w in passes that do not train; 1: not at all. */
  void setTruncation(float psi) {
    this.psi = psi;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape w = new Shape(1, latent);
    mapping.initialize(manager, dataType, w);
    for (int i = 0; i < LAYERS; i++) {
      int side = resolution(i);
      layers.get(i).initialize(manager, dataType, new Shape(1, channels, side, side), w);
    }
    toImage.initialize(manager, dataType, new Shape(1, channels, resolution(LAYERS - 1), resolution(LAYERS - 1)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray z = inputs.singletonOrThrow();
    long n = z.getShape().get(0);
    NDArray w = mapping.forward(store, new NDList(z.reshape(n * LAYERS, latent)), training).singletonOrThrow();
    NDArray average = store.getValue(wAverage, z.getDevice(), training);
    if (training) {
      // in place, so that the saved statistics are the updated ones
      average.addi(w.stopGradient().mean(new int[] {0}).sub(average).mul(1 - W_AVERAGE_DECAY));
    } else if (psi != 1f) {
      w = w.sub(average).mul(psi).add(average);
    }
    NDArray styles = w.reshape(n, LAYERS, latent);
    NDArray x = store.getValue(constant, z.getDevice(), training).broadcast(n, channels, BASE, BASE);
    // Every later array follows its first operand's manager: left in the constant's long-lived one,
    // each pass's activations would never be freed.
    x.attach(z.getManager());
    for (int i = 0; i < LAYERS; i++) {
      if (i > 0 && resolution(i) > resolution(i - 1)) {
        x = ConvNets.upsample(x);
      }
      x = layers.get(i).forward(store, new NDList(x, styles.get(":, " + i)), training).singletonOrThrow();
    }
    return toImage.forward(store, new NDList(x), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    int side = resolution(LAYERS - 1);
    return new Shape[] {new Shape(inputs[0].get(0), 1, side, side)};
  }
}
