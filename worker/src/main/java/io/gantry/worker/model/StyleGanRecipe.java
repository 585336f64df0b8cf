package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.TrialData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A style-based generator (Karras et al. 2019, {@link StyleGanGenerator}) against ProGAN's
 * discriminator at full resolution, as in the paper, with equalised learning rates throughout. With
 * probability {@code mixing_prob} a training batch is drawn with style mixing: two z's per image,
 * the second taking over from a crossover layer drawn uniformly, so that neighbouring layers' styles
 * do not learn to depend on each other. The loss is {@link Adversarial}'s non-saturating one
 * without the paper's R1 penalty: R1 is a gradient of a gradient, which DJL's backward pass cannot
 * give (as for ProGAN's gradient penalty). Pictures: a style-mixing grid (the top row's images give
 * the fine styles, the left column's the coarse ones) and rows of the truncation trick.
 */
final class StyleGanRecipe extends AdversarialRecipe {

  private static final int LAYERS = StyleGanGenerator.LAYERS;
  private static final int COARSE_SOURCES = 4;
  private static final int FINE_SOURCES = 6;
  private static final float[] TRUNCATIONS = {1f, 0.75f, 0.5f, 0.25f, 0f};
  private static final int TRUNCATION_COLUMNS = 8;

  private final Images layout;
  private final StyleGanGenerator generatorBlock;
  private final double mixingProbability;

  StyleGanRecipe(Hyperparams params, TrialData data) {
    this(
        params,
        data,
        new StyleGanGenerator(
            params.intValue("latent_dim"), params.intValue("mapping_layers"), params.intValue("channels")));
  }

  private StyleGanRecipe(Hyperparams params, TrialData data, StyleGanGenerator generatorBlock) {
    super(
        params,
        Network.create(
            "generator",
            generatorBlock,
            new Shape(1, LAYERS, params.intValue("latent_dim")),
            params.doubleValue("lr_g"),
            params.doubleValue("beta1"),
            params.doubleValue("beta2")),
        Network.create(
            "discriminator",
            ProganLayers.fullDiscriminator(params.intValue("channels")),
            new Shape(1, 1, Images.SIZE, Images.SIZE),
            params.doubleValue("lr_d"),
            params.doubleValue("beta1"),
            params.doubleValue("beta2")),
        data.test());
    this.layout = Images.of(data.train(), "stylegan");
    this.generatorBlock = generatorBlock;
    this.mixingProbability = params.doubleValue("mixing_prob");
  }

  @Override
  public Map<String, Float> trainStep(Batch batch) {
    return game.step(new Batch(layout.toNetwork(batch.features()), Optional.empty()), this);
  }

  /** The same z in every layer. */
  @Override
  protected NDArray noise(NDManager manager, long n) {
    return manager.randomNormal(new Shape(n, 1, latent)).repeat(1, LAYERS);
  }

  /** A training draw is style-mixed with probability {@code mixing_prob}, the whole batch at once. */
  @Override
  public NDArray generate(NDManager manager, long n, NDArray labels, boolean training) {
    if (!training) {
      return super.generate(manager, n, labels, false);
    }
    NDArray z = noise(manager, n);
    if (uniform(manager) < mixingProbability) {
      int crossover = 1 + (int) (uniform(manager) * (LAYERS - 1));
      z = crossed(z, noise(manager, n), crossover);
    }
    return generator.forward(z);
  }

  /** A draw from the engine's generator, which the trial loop seeds, so a resumed trial mixes alike. */
  private static float uniform(NDManager manager) {
    return manager.randomUniform(0f, 1f, new Shape(1)).getFloat();
  }

  /** Per-layer codes {@code first} up to layer {@code crossover}, {@code second} from there. */
  private static NDArray crossed(NDArray first, NDArray second, int crossover) {
    return first.get(":, :" + crossover).concat(second.get(":, " + crossover + ":"), 1);
  }

  @Override
  protected NDArray realInput(NDArray examples) {
    return layout.toNetwork(examples);
  }

  @Override
  public NDArray samples(int count, NDManager manager) {
    return toExamples(generate(manager, count, null, false));
  }

  /**
   * Images whose coarse styles (layers up to 8x8) come from the codes {@code coarse}, {@code (rows,
   * latent)}, and whose fine styles come from {@code fine}, {@code (cols, latent)}: {@code (rows *
   * cols, features)}, row after row.
   */
  private NDArray mixed(NDArray coarse, NDArray fine) {
    long rows = coarse.getShape().get(0);
    long cols = fine.getShape().get(0);
    int coarseLayers = StyleGanGenerator.COARSE_LAYERS;
    NDArray z =
        coarse
            .reshape(rows, 1, 1, latent)
            .broadcast(rows, cols, coarseLayers, latent)
            .concat(
                fine.reshape(1, cols, 1, latent).broadcast(rows, cols, LAYERS - coarseLayers, latent), 2);
    return toExamples(generator.evaluate(z.reshape(rows * cols, LAYERS, latent)));
  }

  /** The images of codes {@code z}, {@code (n, latent)}, the same in every layer. */
  private NDArray imagesOf(NDArray z) {
    return toExamples(generator.evaluate(z.reshape(z.getShape().get(0), 1, latent).repeat(1, LAYERS)));
  }

  @Override
  public Map<String, ImageGrid> pictures(NDManager manager) {
    return Map.of("style_mixing", styleMixing(manager), "truncation", truncation(manager));
  }

  /** The fine sources along the top, the coarse ones down the left, each mix where they cross. */
  private ImageGrid styleMixing(NDManager manager) {
    NDArray coarse = manager.randomNormal(new Shape(COARSE_SOURCES, latent));
    NDArray fine = manager.randomNormal(new Shape(FINE_SOURCES, latent));
    NDArray coarseImages = imagesOf(coarse);
    NDArray mixes = mixed(coarse, fine);
    List<NDArray> tiles = new ArrayList<>();
    tiles.add(manager.zeros(new Shape(1, coarseImages.getShape().get(1))));
    tiles.add(imagesOf(fine));
    for (int r = 0; r < COARSE_SOURCES; r++) {
      tiles.add(coarseImages.get(r + ":" + (r + 1)));
      tiles.add(mixes.get((r * FINE_SOURCES) + ":" + ((r + 1) * FINE_SOURCES)));
    }
    return new ImageGrid(COARSE_SOURCES + 1, FINE_SOURCES + 1, NDArrays.concat(new NDList(tiles)).toFloatArray());
  }

  /** The same codes in every column, each row drawn nearer the average w: psi 1, 0.75, ..., 0. */
  private ImageGrid truncation(NDManager manager) {
    NDArray z = manager.randomNormal(new Shape(TRUNCATION_COLUMNS, latent));
    List<NDArray> rows = new ArrayList<>();
    try {
      for (float psi : TRUNCATIONS) {
        generatorBlock.setTruncation(psi);
        rows.add(imagesOf(z));
      }
    } finally {
      generatorBlock.setTruncation(1f);
    }
    return new ImageGrid(TRUNCATIONS.length, TRUNCATION_COLUMNS, NDArrays.concat(new NDList(rows)).toFloatArray());
  }

  /** G's 32x32 images, clipped and cropped to the data's layout. */
  private NDArray toExamples(NDArray images) {
    return layout.fromNetwork(images.clip(-1, 1));
  }
}
