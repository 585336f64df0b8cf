package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A dense or convolutional layer with ProGAN's equalised learning rate (Karras et al. 2018, section
 * 4.1): weights start from N(0, 1) and are multiplied at every forward pass by He's constant {@code
 * gain / sqrt(fan_in)}, so that Adam's per-parameter step sizes treat every layer alike.
 * Convolutions keep the spatial size (stride 1, "same" padding). A layer may learn more slowly than
 * the rest by a learning-rate multiplier (StyleGAN's mapping network, at 0.01): its weights start
 * from N(0, 1 / multiplier^2) and weights and bias are multiplied by it at every pass, so Adam's
 * steps move its effective weights that much less.
 */
final class Equalized extends AbstractBlock {

  private static final byte VERSION = 1;

  /** He's gain for layers followed by LeakyReLU or ReLU. */
  static final float RELU_GAIN = (float) Math.sqrt(2);

  private final int outputs;
  private final int kernel;
  private final float gain;
  private final float lrMultiplier;
  private final Parameter weight;
  private final Parameter bias;

  private Equalized(int outputs, int kernel, float gain, float lrMultiplier) {
    super(VERSION);
    this.outputs = outputs;
    this.kernel = kernel;
    this.gain = gain;
    this.lrMultiplier = lrMultiplier;
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(1f / lrMultiplier))
                .build());
    this.bias =
        addParameter(
            Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optInitializer(new ConstantInitializer(0f))
                .build());
  }

  /** A {@code k x k} convolution to {@code outputs} feature maps. */
  static Equalized conv(int outputs, int k, float gain) {
    return new Equalized(outputs, k, gain, 1f);
  }

  /** A dense layer to {@code outputs} units, on {@code (n, inputs)}. */
  static Equalized dense(int outputs, float gain) {
    return dense(outputs, gain, 1f);
  }

  /** A dense layer whose steps are {@code lrMultiplier} times the others'. */
  static Equalized dense(int outputs, float gain, float lrMultiplier) {
    return new Equalized(outputs, 0, gain, lrMultiplier);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    long inputs = inputShapes[0].get(1);
    weight.setShape(
        kernel == 0 ? new Shape(outputs, inputs) : new Shape(outputs, inputs, kernel, kernel));
    bias.setShape(new Shape(outputs));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = store.getValue(weight, x.getDevice(), training);
    double fanIn = w.size() / (double) outputs;
    NDArray scaled = w.mul(gain / Math.sqrt(fanIn) * lrMultiplier);
    // The products would otherwise belong to the weights' long-lived manager and leak each step.
    scaled.attach(x.getManager());
    NDArray b = store.getValue(bias, x.getDevice(), training);
    if (lrMultiplier != 1f) {
      b = b.mul(lrMultiplier);
      b.attach(x.getManager());
    }
    if (kernel == 0) {
      return new NDList(x.matMul(scaled.transpose()).add(b));
    }
    Shape one = new Shape(1, 1);
    return Conv2d.conv2d(x, scaled, b, one, new Shape(kernel / 2, kernel / 2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape in = inputs[0];
    return new Shape[] {
      kernel == 0
          ? new Shape(in.get(0), outputs)
          : new Shape(in.get(0), outputs, in.get(2), in.get(3))
    };
  }
}
