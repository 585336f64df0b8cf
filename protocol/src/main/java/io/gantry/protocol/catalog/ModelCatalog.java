package io.gantry.protocol.catalog;

import io.gantry.protocol.trial.DatasetSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each model kind accepts and reports, so that a sweep file can be checked before anything
 * runs. Keys are the model names used in sweep files. The recipes read their parameters through
 * {@link Hyperparams}, which takes names, types and defaults from here, so the two cannot drift
 * apart.
 */
public final class ModelCatalog {

  private static final Map<String, List<ParamDef>> PARAMETERS = CatalogParameters.PARAMETERS;

  // Convolutional models are built for images; the rest also train on points.
  private static final Set<String> IMAGES_ONLY = Set.of("vae", "dcgan", "cgan", "progan");

  // Kinds that draw new images: their samples are scored by FID.
  private static final Set<String> GENERATORS = Set.of("vae", "gan", "dcgan", "cgan", "progan");

  private static final Set<String> GANS = Set.of("gan", "dcgan", "cgan", "progan");

  private static final Set<String> DATASET_KINDS =
      Set.of(DatasetSpec.FASHION_MNIST, DatasetSpec.IDX, DatasetSpec.GAUSSIAN_2D);

  private static final List<String> MOMENT_METRICS = List.of("val/mean_error", "val/cov_error");

  private static final List<String> GAN_METRICS =
      List.of(
          "train/loss_d",
          "train/loss_g",
          "train/d_real",
          "train/d_fake",
          "val/d_real",
          "val/d_fake");

  private static final List<String> PROGAN_METRICS =
      List.of(
          "train/loss_d",
          "train/loss_g",
          "train/d_real",
          "train/d_fake",
          "train/phase",
          "train/alpha",
          "val/d_real",
          "val/d_fake");

  private ModelCatalog() {}

  /** The model kinds a sweep may name. */
  public static Set<String> models() {
    return PARAMETERS.keySet();
  }

  /** The parameters of {@code model}, in documentation order; throws for an unknown model. */
  public static Map<String, ParamDef> parameters(String model) {
    List<ParamDef> defs = PARAMETERS.get(model);
    if (defs == null) {
      throw new IllegalArgumentException("unknown model '" + model + "'");
    }
    Map<String, ParamDef> byName = new LinkedHashMap<>();
    defs.forEach(d -> byName.put(d.name(), d));
    return byName;
  }

  /**
   * Whether a trial of {@code model} can run on data of {@code datasetKind}. Every model trains on
   * images; the VAE, whose decoder is Bernoulli, and the convolutional GANs do not take {@code
   * gaussian-2d}. (The conditional GAN also needs labels, which every image kind has.)
   */
  public static boolean supports(String model, String datasetKind) {
    return model != null
        && datasetKind != null
        && PARAMETERS.containsKey(model)
        && DATASET_KINDS.contains(datasetKind)
        && !(IMAGES_ONLY.contains(model) && datasetKind.equals(DatasetSpec.GAUSSIAN_2D));
  }

  /**
   * Whether trials of {@code model} on data of {@code datasetKind} report {@code val/fid}: the
   * kinds that generate images, on images. Those have a {@code fid_samples} parameter.
   */
  public static boolean reportsFid(String model, String datasetKind) {
    return GENERATORS.contains(model) && !DatasetSpec.GAUSSIAN_2D.equals(datasetKind);
  }

  /**
   * The metric names a trial of {@code model} on data of {@code datasetKind} reports: {@code
   * train/...} averaged over each report window (ProGAN's {@code train/phase} and {@code
   * train/alpha} are the values at the report's step), {@code val/...} once per epoch on held-out
   * data. On {@code gaussian-2d} the GAN also compares its samples' mean and covariance with the
   * true ones; on images every generating kind reports {@code val/fid}. Throws for an unknown model
   * or a combination that {@link #supports} rejects.
   */
  public static Set<String> metrics(String model, String datasetKind) {
    if (model != null && PARAMETERS.containsKey(model) && !supports(model, datasetKind)) {
      throw new IllegalArgumentException(
          "model '" + model + "' does not train on dataset '" + datasetKind + "'");
    }
    Set<String> names =
        new LinkedHashSet<>(
            switch (model) {
              case "ae" -> List.of("train/loss", "val/mse");
              case "dae" -> List.of("train/loss", "val/mse", "val/mse_noisy");
              case "vae" ->
                  List.of("train/loss", "train/recon", "train/kl", "val/elbo", "val/iwae");
              case "gan", "dcgan", "cgan" -> GAN_METRICS;
              case "progan" -> PROGAN_METRICS;
              default -> throw new IllegalArgumentException("unknown model '" + model + "'");
            });
    if (GANS.contains(model) && DatasetSpec.GAUSSIAN_2D.equals(datasetKind)) {
      names.addAll(MOMENT_METRICS);
    }
    if (reportsFid(model, datasetKind)) {
      names.add("val/fid");
    }
    return Collections.unmodifiableSet(names);
  }
}
