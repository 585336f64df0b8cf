package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/** The building blocks of Karras et al. 2018's progressive GAN, at Gantry's small scale. */
final class ProganLayers {

  private static final float LEAK = 0.2f;
  private static final float EPSILON = 1e-8f;

  private ProganLayers() {}

  /** Pixel-wise feature normalisation (section 4.2): each pixel's feature vector to unit length. */
  static NDArray pixelNorm(NDArray x) {
    return x.div(x.square().mean(new int[] {1}, true).add(EPSILON).sqrt());
  }

  /**
   * Minibatch standard deviation (section 3): the standard deviation of every feature at every
   * pixel over the minibatch, averaged to one number and appended as a constant feature map, which
   * lets D see how varied a batch is.
   */
  static NDArray minibatchStddev(NDArray x) {
    Shape shape = x.getShape();
    NDArray std =
        x.sub(x.mean(new int[] {0}, true)).square().mean(new int[] {0}).add(EPSILON).sqrt();
    NDArray plane =
        std.mean().reshape(1, 1, 1, 1).broadcast(shape.get(0), 1, shape.get(2), shape.get(3));
    return x.concat(plane, 1);
  }

  static NDArray leaky(NDArray x) {
    return Activation.leakyRelu(x, LEAK);
  }

  /** 2x2 average pooling, how D and the real images go down one resolution. */
  static NDArray downsample(NDArray x) {
    Shape two = new Shape(2, 2);
    return Pool.avgPool2d(x, two, two, new Shape(0, 0), false, true);
  }

  /** A 3x3 equalised convolution, LeakyReLU and, in G, pixel norm. */
  static SequentialBlock conv3(SequentialBlock block, int channels, boolean pixelNorm) {
    block.add(Equalized.conv(channels, 3, Equalized.RELU_GAIN)).addSingleton(ProganLayers::leaky);
    if (pixelNorm) {
      block.addSingleton(ProganLayers::pixelNorm);
    }
    return block;
  }

  /** G's output layer at one resolution: a 1x1 convolution to one grey channel, linear. */
  static Equalized toImage() {
    return Equalized.conv(1, 1, 1f);
  }

  /**
   * ProGAN's discriminator grown to 32x32 from the start, as StyleGAN keeps it: the input layer,
   * three blocks of two 3x3 convolutions and average pooling down to 4x4, then {@link
   * ProganDiscriminator}'s top (minibatch standard deviation, a convolution, two dense layers).
   */
  static SequentialBlock fullDiscriminator(int channels) {
    SequentialBlock d = fromImage(channels);
    for (int resolution = 32; resolution > 4; resolution /= 2) {
      conv3(conv3(d, channels, false), channels, false).addSingleton(ProganLayers::downsample);
    }
    return d.addSingleton(ProganLayers::minibatchStddev).add(top(channels));
  }

  /** D at 4x4 after minibatch standard deviation: a 3x3 convolution and two dense layers to a logit. */
  static SequentialBlock top(int channels) {
    return conv3(new SequentialBlock(), channels, false)
        .addSingleton(x -> x.reshape(x.getShape().get(0), -1))
        .add(Equalized.dense(channels, Equalized.RELU_GAIN))
        .addSingleton(ProganLayers::leaky)
        .add(Equalized.dense(1, 1f));
  }

  /** D's input layer at one resolution: a 1x1 convolution from the image, LeakyReLU. */
  static SequentialBlock fromImage(int channels) {
    return new SequentialBlock()
        .add(Equalized.conv(channels, 1, Equalized.RELU_GAIN))
        .addSingleton(ProganLayers::leaky);
  }
}
