package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * ProGAN's generator (Karras et al. 2018, table 2, with {@code channels} feature maps at every
 * resolution): z, pixel-normalised, becomes 4x4 maps through a dense layer and a 3x3 convolution;
 * each {@link #grow} adds a block that doubles the resolution (nearest upsampling and two 3x3
 * convolutions, each followed by LeakyReLU and pixel norm) and its own 1x1 output layer. While a
 * new block fades in, the output is {@code alpha} times the new block's image plus {@code 1 -
 * alpha} times the previous resolution's image, upsampled.
 */
final class ProganGenerator extends AbstractBlock {

  private static final byte VERSION = 1;
  private static final int BASE = 4;

  private final int channels;
  private final List<Block> blocks = new ArrayList<>();
  private final List<Block> toImage = new ArrayList<>();
  private float alpha = 1f;

  ProganGenerator(int channels) {
    super(VERSION);
    this.channels = channels;
    SequentialBlock first =
        new SequentialBlock()
            .addSingleton(ProganLayers::pixelNorm)
            // The paper's first layer: a dense "4x4 convolution" of z with gain sqrt(2) / 4.
            .add(Equalized.dense(channels * BASE * BASE, Equalized.RELU_GAIN / 4))
            .addSingleton(x -> x.reshape(x.getShape().get(0), channels, BASE, BASE))
            .addSingleton(ProganLayers::leaky)
            .addSingleton(ProganLayers::pixelNorm);
    add(ProganLayers.conv3(first, channels, true), ProganLayers.toImage());
  }

  private void add(Block block, Block output) {
    int resolution = resolution(blocks.size());
    blocks.add(addChildBlock("block" + resolution, block));
    toImage.add(addChildBlock("image" + resolution, output));
  }

  /** Side of the images after {@code grown} growths. */
  static int resolution(int grown) {
    return BASE << grown;
  }

  /** How many times the network has grown. */
  int phase() {
    return blocks.size() - 1;
  }

  /** Weight of the newest block during its fade-in, 1 once it is in. */
  void setAlpha(float alpha) {
    this.alpha = alpha;
  }

  /** Adds the next resolution's block and output layer, initialised in {@code network}. */
  void grow(Network network) {
    int resolution = resolution(blocks.size());
    SequentialBlock block = new SequentialBlock().addSingleton(ConvNets::upsample);
    ProganLayers.conv3(ProganLayers.conv3(block, channels, true), channels, true);
    add(block, ProganLayers.toImage());
    network.initialize(block, new Shape(1, channels, resolution / 2, resolution / 2));
    network.initialize(toImage.get(phase()), new Shape(1, channels, resolution, resolution));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    blocks.get(0).initialize(manager, dataType, inputShapes);
    toImage.get(0).initialize(manager, dataType, new Shape(1, channels, BASE, BASE));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList h = blocks.get(0).forward(store, inputs, training);
    NDList previous = h;
    for (int i = 1; i <= phase(); i++) {
      previous = h;
      h = blocks.get(i).forward(store, h, training);
    }
    NDArray image = toImage.get(phase()).forward(store, h, training).singletonOrThrow();
    if (phase() > 0 && alpha < 1) {
      NDArray lower =
          ConvNets.upsample(
              toImage.get(phase() - 1).forward(store, previous, training).singletonOrThrow());
      image = lower.add(image.sub(lower).mul(alpha));
    }
    return new NDList(image);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    int side = resolution(phase());
    return new Shape[] {new Shape(inputs[0].get(0), 1, side, side)};
  }
}
