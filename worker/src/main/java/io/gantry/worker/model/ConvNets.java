package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.NormalInitializer;

/**
 * The DCGAN of Radford et al. 2016 at 32x32: G projects z to 4x4 feature maps and doubles the
 * resolution three times with batch norm and ReLU to a tanh output; D halves it three times with
 * strided 4x4 convolutions and LeakyReLU (no batch norm on its input layer) down to one logit.
 * DJL's PyTorch engine has no transposed convolution, so each of G's upsamplings is a nearest
 * neighbour upsampling followed by a 3x3 convolution (Odena et al. 2016, which also avoids the
 * checkerboard artifacts of strided transposed convolutions). Weights start from N(0, 0.02) as in
 * the paper.
 */
final class ConvNets {

  private static final float LEAK = 0.2f;
  static final float INIT_STD = 0.02f;
  private static final int BASE = 4;

  private ConvNets() {}

  /** G: {@code (n, inputs)} to {@code (n, 1, 32, 32)}; {@code channels} maps at 32x32's input. */
  static SequentialBlock generator(int channels) {
    int top = 4 * channels;
    SequentialBlock g = new SequentialBlock();
    g.add(Linear.builder().setUnits((long) top * BASE * BASE).optBias(false).build())
        .addSingleton(x -> x.reshape(x.getShape().get(0), top, BASE, BASE))
        .add(BatchNorm.builder().build())
        .addSingleton(Activation::relu);
    for (int out : new int[] {2 * channels, channels}) {
      g.addSingleton(ConvNets::upsample)
          .add(conv(out, 3, 1, 1, false))
          .add(BatchNorm.builder().build())
          .addSingleton(Activation::relu);
    }
    g.addSingleton(ConvNets::upsample).add(conv(1, 3, 1, 1, true)).addSingleton(Activation::tanh);
    g.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
    return g;
  }

  /** D: {@code (n, inputs, 32, 32)} to {@code (n, 1)} logits. */
  static SequentialBlock discriminator(int channels) {
    SequentialBlock d = new SequentialBlock();
    d.add(conv(channels, 4, 2, 1, true)).addSingleton(ConvNets::leaky);
    for (int out : new int[] {2 * channels, 4 * channels}) {
      d.add(conv(out, 4, 2, 1, false))
          .add(BatchNorm.builder().build())
          .addSingleton(ConvNets::leaky);
    }
    d.add(conv(1, BASE, 1, 0, true)).addSingleton(x -> x.reshape(x.getShape().get(0), 1));
    d.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
    return d;
  }

  /**
   * pix2pix's PatchGAN D (Isola et al. 2017) at 32x32: {@code (n, 2, 32, 32)}, the input image
   * stacked on the real or translated one, to {@code (n, 1, 7, 7)} logits, each judging one 22x22
   * patch: two strided 4x4 convolutions with LeakyReLU (batch norm on the second), then a 4x4
   * convolution to one map. The paper's 70x70 patches are a quarter of a 256x256 image's side;
   * at 32x32 a quarter would be 8 pixels, less than a garment's part, so these are larger.
   */
  static SequentialBlock patchDiscriminator(int channels) {
    SequentialBlock d = new SequentialBlock();
    d.add(conv(channels, 4, 2, 1, true))
        .addSingleton(ConvNets::leaky)
        .add(conv(2 * channels, 4, 2, 1, false))
        .add(BatchNorm.builder().build())
        .addSingleton(ConvNets::leaky)
        .add(conv(1, 4, 1, 1, true));
    d.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
    return d;
  }

  /** Nearest-neighbour upsampling by 2 in both directions. */
  static NDArray upsample(NDArray x) {
    Shape shape = x.getShape();
    long[] size = {2 * shape.get(2), 2 * shape.get(3)};
    return x.getNDArrayInternal().interpolation(size, 0, false);
  }

  static NDArray leaky(NDArray x) {
    return Activation.leakyRelu(x, LEAK);
  }

  static Conv2d conv(int filters, int kernel, int stride, int padding, boolean bias) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(bias)
        .build();
  }
}
