package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * One layer of StyleGAN's synthesis network (Karras et al. 2019, figure 1b): an optional
 * equalised 3x3 convolution, per-pixel noise scaled by a learned factor per feature map (zero at
 * first, as in the paper), LeakyReLU, then adaptive instance normalisation: each feature map
 * normalised over its pixels, then scaled and shifted by the style that an affine map of {@code w}
 * gives it. The scale is {@code 1 + s}, so that a style of zeros leaves the normalised maps as they
 * are, which is the paper's bias of 1 on the scales. Inputs are the feature maps and this layer's
 * {@code w}, {@code (n, w_dim)}.
 */
final class StyledLayer extends AbstractBlock {

  private static final byte VERSION = 1;
  private static final float EPSILON = 1e-8f;

  private final int channels;
  private final Equalized conv;
  private final Equalized style;
  private final Parameter noiseStrength;

  /** A layer with a convolution to {@code channels} maps, or without one when {@code convolves} is false. */
  StyledLayer(int channels, boolean convolves) {
    super(VERSION);
    this.channels = channels;
    this.conv = convolves ? addChildBlock("conv", Equalized.conv(channels, 3, Equalized.RELU_GAIN)) : null;
    this.style = addChildBlock("style", Equalized.dense(2 * channels, 1f));
    this.noiseStrength =
        addParameter(
            Parameter.builder()
                .setName("noise_strength")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(0f))
                .optShape(new Shape(1, channels, 1, 1))
                .build());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    if (conv != null) {
      conv.initialize(manager, dataType, inputShapes[0]);
    }
    style.initialize(manager, dataType, inputShapes[1]);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray w = inputs.get(1);
    if (conv != null) {
      x = conv.forward(store, new NDList(x), training).singletonOrThrow();
    }
    Shape shape = x.getShape();
    NDArray noise = x.getManager().randomNormal(new Shape(shape.get(0), 1, shape.get(2), shape.get(3)));
    x = ProganLayers.leaky(x.add(noise.mul(store.getValue(noiseStrength, x.getDevice(), training))));
    // over each map's pixels as one axis: DJL's PyTorch mean takes a single axis
    NDArray maps = x.reshape(shape.get(0), channels, shape.get(2) * shape.get(3));
    NDArray centred = maps.sub(maps.mean(new int[] {2}, true));
    NDArray normalised =
        centred.div(centred.square().mean(new int[] {2}, true).add(EPSILON).sqrt()).reshape(shape);
    NDArray styles =
        style.forward(store, new NDList(w), training).singletonOrThrow().reshape(shape.get(0), 2, channels, 1, 1);
    NDArray scale = styles.get(":, 0").add(1);
    NDArray shift = styles.get(":, 1");
    return new NDList(normalised.mul(scale).add(shift));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape in = inputs[0];
    return new Shape[] {new Shape(in.get(0), channels, in.get(2), in.get(3))};
  }
}
