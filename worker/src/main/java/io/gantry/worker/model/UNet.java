package io.gantry.worker.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * pix2pix's generator (Isola et al. 2017), a U-Net at 32x32: four strided 4x4 convolutions halve
 * the image down to 2x2 (LeakyReLU; batch norm on all but the first), and the way back up (ReLU) doubles it
 * again, each step's output stacked on the encoder's maps of the same size, so that the detail
 * an image and its translation share skips the bottleneck. As in {@link ConvNets}, each upsampling
 * is nearest neighbour + 3x3 convolution (DJL's PyTorch engine has no transposed convolution);
 * the output is tanh. The paper's dropout in the decoder, its only source of noise, is left out:
 * the authors found G learns to ignore it, and without it a translation is a function of its input.
 */
final class UNet extends AbstractBlock {

  private static final byte VERSION = 1;
  private static final int DEPTH = 4;

  private final int channels;
  private final List<Block> down = new ArrayList<>();
  private final List<Block> up = new ArrayList<>();
  private final Block out;

  /** {@code channels} maps at 16x16, twice as many at each halving. */
  UNet(int channels) {
    super(VERSION);
    this.channels = channels;
    for (int level = 0; level < DEPTH; level++) {
      SequentialBlock block = new SequentialBlock().add(ConvNets.conv(width(level), 4, 2, 1, level == 0));
      if (level > 0) {
        block.add(BatchNorm.builder().build());
      }
      down.add(addChildBlock("down" + level, block.addSingleton(ConvNets::leaky)));
    }
    for (int level = DEPTH - 2; level >= 0; level--) {
      up.add(
          addChildBlock(
              "up" + level,
              new SequentialBlock()
                  .addSingleton(ConvNets::upsample)
                  .add(ConvNets.conv(width(level), 3, 1, 1, false))
                  .add(BatchNorm.builder().build())
                  .addSingleton(Activation::relu)));
    }
    this.out =
        addChildBlock(
            "out",
            new SequentialBlock()
                .addSingleton(ConvNets::upsample)
                .add(ConvNets.conv(1, 3, 1, 1, true))
                .addSingleton(Activation::tanh));
    setInitializer(new NormalInitializer(ConvNets.INIT_STD), Parameter.Type.WEIGHT);
  }

  /** Feature maps at {@code level} (0: 16x16). */
  private int width(int level) {
    return channels << level;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape input = inputShapes[0];
    long n = input.get(0);
    long side = input.get(2);
    long maps = input.get(1);
    for (int level = 0; level < DEPTH; level++) {
      down.get(level).initialize(manager, dataType, new Shape(n, maps, side >> level, side >> level));
      maps = width(level);
    }
    for (int i = 0; i < up.size(); i++) {
      int level = DEPTH - 2 - i;
      // the bottleneck alone, then each output with the encoder's maps beside it
      long in = i == 0 ? width(DEPTH - 1) : 2L * width(level + 1);
      long at = side >> (level + 2);
      up.get(i).initialize(manager, dataType, new Shape(n, in, at, at));
    }
    out.initialize(manager, dataType, new Shape(n, 2L * width(0), side >> 1, side >> 1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    List<NDList> skips = new ArrayList<>();
    NDList h = inputs;
    for (Block block : down) {
      h = block.forward(store, h, training);
      skips.add(h);
    }
    for (int i = 0; i < up.size(); i++) {
      NDList lifted = up.get(i).forward(store, h, training);
      NDList skip = skips.get(DEPTH - 2 - i);
      h = new NDList(lifted.singletonOrThrow().concat(skip.singletonOrThrow(), 1));
    }
    return out.forward(store, h, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape input = inputs[0];
    return new Shape[] {new Shape(input.get(0), 1, input.get(2), input.get(3))};
  }
}
