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
 * ProGAN's discriminator, the mirror of {@link ProganGenerator}: a 1x1 input layer at the current
 * resolution, then blocks of two 3x3 convolutions with LeakyReLU and 2x2 average pooling down to
 * 4x4, where minibatch standard deviation, a 3x3 convolution and two dense layers give one logit.
 * While a new block fades in, its input is blended with the image downsampled straight into the
 * previous resolution's input layer.
 */
final class ProganDiscriminator extends AbstractBlock {

  private static final byte VERSION = 1;
  private static final int BASE = 4;

  private final int channels;
  private final List<Block> fromImage = new ArrayList<>();
  private final List<Block> blocks = new ArrayList<>();
  private final Block last;
  private float alpha = 1f;

  ProganDiscriminator(int channels) {
    super(VERSION);
    this.channels = channels;
    fromImage.add(addChildBlock("image" + BASE, ProganLayers.fromImage(channels)));
    SequentialBlock top =
        new SequentialBlock()
            .addSingleton(ProganLayers::minibatchStddev)
            .add(ProganLayers.top(channels));
    this.last = addChildBlock("block" + BASE, top);
  }

  int phase() {
    return fromImage.size() - 1;
  }

  void setAlpha(float alpha) {
    this.alpha = alpha;
  }

  /** Adds the next resolution's input layer and block, initialised in {@code network}. */
  void grow(Network network) {
    int resolution = ProganGenerator.resolution(fromImage.size());
    Block input = addChildBlock("image" + resolution, ProganLayers.fromImage(channels));
    SequentialBlock block = new SequentialBlock();
    ProganLayers.conv3(ProganLayers.conv3(block, channels, false), channels, false)
        .addSingleton(ProganLayers::downsample);
    fromImage.add(input);
    blocks.add(addChildBlock("block" + resolution, block));
    network.initialize(input, new Shape(1, 1, resolution, resolution));
    network.initialize(block, new Shape(1, channels, resolution, resolution));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    fromImage.get(0).initialize(manager, dataType, inputShapes);
    last.initialize(manager, dataType, new Shape(1, channels, BASE, BASE));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray image = inputs.singletonOrThrow();
    int phase = phase();
    NDList h = fromImage.get(phase).forward(store, inputs, training);
    if (phase > 0) {
      h = blocks.get(phase - 1).forward(store, h, training);
      if (alpha < 1) {
        NDArray lower =
            fromImage
                .get(phase - 1)
                .forward(store, new NDList(ProganLayers.downsample(image)), training)
                .singletonOrThrow();
        h = new NDList(lower.add(h.singletonOrThrow().sub(lower).mul(alpha)));
      }
    }
    for (int i = phase - 1; i >= 1; i--) {
      h = blocks.get(i - 1).forward(store, h, training);
    }
    return last.forward(store, h, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(inputs[0].get(0), 1)};
  }
}
