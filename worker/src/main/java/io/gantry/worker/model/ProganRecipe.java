package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.TrialData;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The progressive GAN of Karras et al. 2018 at 32x32: G and D ({@link ProganGenerator}, {@link
 * ProganDiscriminator}) start at 4x4 and grow to 8x8, 16x16 and 32x32 on the {@link
 * GrowthSchedule}, fading each new block in; the real images are shown to D at the current
 * resolution, blended the same way during a fade-in. Both optimizers start afresh at each growth,
 * as in the paper's code. The loss is the non-saturating (or minimax) GAN loss of {@link
 * Adversarial}, not the paper's WGAN-GP: its gradient penalty needs a gradient of a gradient, and
 * DJL's backward pass builds no graph of the gradients it computes, so they cannot be
 * differentiated again.
 */
final class ProganRecipe extends AdversarialRecipe {

  private static final int LAST_PHASE = 3;
  private static final String IMAGES = "images";
  private static final String PHASE = "phase";
  private static final String ALPHA = "alpha";

  private final Images layout;
  private final GrowthSchedule schedule;
  private final ProganGenerator generatorBlock;
  private final ProganDiscriminator discriminatorBlock;
  private long images;
  private float alpha = 1f;

  ProganRecipe(Hyperparams params, TrialData data) {
    this(
        params,
        data,
        new ProganGenerator(params.intValue("channels")),
        new ProganDiscriminator(params.intValue("channels")));
  }

  private ProganRecipe(
      Hyperparams params,
      TrialData data,
      ProganGenerator generatorBlock,
      ProganDiscriminator discriminatorBlock) {
    super(
        params,
        Network.create(
            "generator",
            generatorBlock,
            new Shape(1, params.intValue("latent_dim")),
            params.doubleValue("lr_g"),
            params.doubleValue("beta1"),
            params.doubleValue("beta2")),
        Network.create(
            "discriminator",
            discriminatorBlock,
            new Shape(1, 1, ProganGenerator.resolution(0), ProganGenerator.resolution(0)),
            params.doubleValue("lr_d"),
            params.doubleValue("beta1"),
            params.doubleValue("beta2")),
        data.test());
    this.layout = Images.of(data.train(), "progan");
    this.schedule = new GrowthSchedule(params.intValue("phase_images"), LAST_PHASE);
    this.generatorBlock = generatorBlock;
    this.discriminatorBlock = discriminatorBlock;
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    growTo(schedule.phase(images));
    setAlpha(schedule.alpha(images));
    Map<String, Float> metrics =
        game.step(
            new Batch(atResolution(layout.toNetwork(batch.features())), Optional.empty()), this);
    images += batch.size();
    return metrics;
  }

  private void growTo(int phase) {
    while (generatorBlock.phase() < phase) {
      generatorBlock.grow(generator);
      discriminatorBlock.grow(discriminator);
      generator.resetOptimizer();
      discriminator.resetOptimizer();
    }
  }

  private void setAlpha(float value) {
    alpha = value;
    generatorBlock.setAlpha(value);
    discriminatorBlock.setAlpha(value);
  }

  /** 32x32 images averaged down to the current resolution, blended as D's input is. */
  private NDArray atResolution(NDArray full) {
    NDArray x = full;
    for (int i = LAST_PHASE; i > generatorBlock.phase(); i--) {
      x = ProganLayers.downsample(x);
    }
    if (generatorBlock.phase() > 0 && alpha < 1) {
      NDArray lower = ConvNets.upsample(ProganLayers.downsample(x));
      x = lower.add(x.sub(lower).mul(alpha));
    }
    return x;
  }

  @Override
  public Map<String, Double> schedule() {
    return Map.of("train/phase", (double) generatorBlock.phase(), "train/alpha", (double) alpha);
  }

  /** The images padded to 32x32, then brought to the current resolution as D sees real ones. */
  @Override
  protected NDArray realInput(NDArray examples) {
    return atResolution(layout.toNetwork(examples));
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    return toExamples(generate(manager, count, null, false));
  }

  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    return Map.of(
        "interpolation",
        LatentGrids.interpolation(manager, latent, z -> toExamples(generator.evaluate(z))));
  }

  /** G's images at the current resolution, upsampled to 32x32 and laid out as the data. */
  private NDArray toExamples(NDArray images) {
    NDArray x = images;
    while (x.getShape().get(2) < Images.SIZE) {
      x = ConvNets.upsample(x);
    }
    return layout.fromNetwork(x.clip(-1, 1));
  }

  /**
   * The images shown so far, the networks' phase (which may lag a phase boundary by a step) and the
   * last step's alpha.
   */
  @Override
  public Map<String, String> state() {
    Map<String, String> state = new HashMap<>(super.state());
    state.put(IMAGES, Long.toString(images));
    state.put(PHASE, Integer.toString(generatorBlock.phase()));
    state.put(ALPHA, Float.toString(alpha));
    return state;
  }

  @Override
  public void restore(Map<String, String> state) {
    super.restore(state);
    images = Long.parseLong(state.get(IMAGES));
    growTo(Integer.parseInt(state.get(PHASE)));
    setAlpha(Float.parseFloat(state.get(ALPHA)));
  }
}
