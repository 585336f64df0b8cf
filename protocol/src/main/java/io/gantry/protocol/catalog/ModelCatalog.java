package io.gantry.protocol.catalog;

import io.gantry.protocol.trial.DatasetSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private static final Set<String> IMAGES_ONLY =
      Set.of("vae", "aae", "dcgan", "cgan", "progan", "stylegan", "pix2pix", "cyclegan");

  // Kinds that make new images: their samples are scored by FID (pix2pix's and CycleGAN's are
  // their translations).
  private static final Set<String> GENERATORS =
      Set.of("vae", "aae", "gan", "dcgan", "cgan", "progan", "stylegan", "pix2pix", "cyclegan");

  private static final Set<String> GANS = Set.of("gan", "dcgan", "cgan", "progan", "stylegan");

  // Kinds that score how likely an image is: the VAE by its ELBO, the autoencoders by their
  // reconstruction error, the GAN and DCGAN by D. Not the cgan, whose D judges an image only with
  // a class, nor the progan and stylegan, whose D's minibatch standard deviation makes a score depend on the
  // other images of its batch.
  private static final Set<String> OUTLIER_SCORERS = Set.of("ae", "dae", "vae", "aae", "gan", "dcgan");

  /** The area under the ROC curve of the score telling left-out classes from the rest. */
  public static final String OUTLIER_AUROC = "val/outlier_auroc";

  private static final Set<String> DATASET_KINDS =
      Set.of(
          DatasetSpec.FASHION_MNIST,
          DatasetSpec.IDX,
          DatasetSpec.GAUSSIAN_2D,
          DatasetSpec.MIXTURE_1D);

  private static final List<String> MOMENT_METRICS = List.of("val/mean_error", "val/cov_error");

  // On 1-D data the whole distribution is compared, not two moments.
  private static final String KS_METRIC = "val/ks";

  // Measured on the generated images wherever val/fid is, from the same classifier features.
  private static final List<String> SAMPLE_METRICS =
      List.of(
          "val/fid",
          "val/fid_std",
          "val/kid",
          "val/kid_std",
          "val/precision",
          "val/recall",
          "val/class_entropy",
          "val/classes_covered");

  // CycleGAN judges each direction against its target domain: FID and the share of translations
  // the classifier puts in the target's class.
  private static final List<String> TRANSLATION_METRICS =
      List.of("val/fid_a", "val/fid_b", "val/target_class_rate");

  // A metric's standard error, where its worker measures one: the two values of two trials are
  // told apart only when they differ by more than their noise.
  private static final Map<String, String> NOISE = Map.of("val/fid", "val/fid_std");

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

  // What a trial resumed from a checkpoint can take a new value of: the optimizers' settings and
  // the losses' rules and weights. The rest shape the networks or the data (widths, latent sizes,
  // batch size), or only the start (initialisation), which a checkpoint has passed.
  private static final Set<String> MUTABLE =
      Set.of(
          "lr", "lr_d", "lr_g", "beta1", "beta2", "k_disc_steps", "generator_loss", "d_loss", "noise_p", "noise_std",
          "l1_weight", "cycle_weight", "identity_weight", "mixing_prob");

  private ModelCatalog() {}

  /**
   * Whether a trial can go on from a checkpoint with another value of parameter {@code name}, as
   * population-based training changes it: the parameters that do not shape the networks or the
   * data.
   */
  public static boolean changesMidTrial(String name) {
    return MUTABLE.contains(name);
  }

  /** Every parameter {@link #changesMidTrial} accepts, sorted, for messages. */
  public static List<String> mutableParameters() {
    return MUTABLE.stream().sorted().toList();
  }

  /** The metric that holds the standard error of {@code metric}, if workers measure one. */
  public static Optional<String> noiseOf(String metric) {
    return Optional.ofNullable(NOISE.get(metric));
  }

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
   * images; the VAE, whose decoder is Bernoulli, and the convolutional GANs do not take the
   * generated points ({@code gaussian-2d}, {@code mixture-1d}). (The conditional GAN also needs
   * labels, which every image kind has.)
   */
  public static boolean supports(String model, String datasetKind) {
    return model != null
        && datasetKind != null
        && PARAMETERS.containsKey(model)
        && DATASET_KINDS.contains(datasetKind)
        && !(IMAGES_ONLY.contains(model) && DatasetSpec.isGenerated(datasetKind));
  }

  /**
   * Whether trials of {@code model} on data of {@code datasetKind} report {@code val/fid}: the
   * kinds that generate images, on images. Those have a {@code fid_samples} parameter.
   */
  public static boolean reportsFid(String model, String datasetKind) {
    return GENERATORS.contains(model) && !DatasetSpec.isGenerated(datasetKind);
  }

  /**
   * Whether {@code model} gives each image a score of how unlikely it is: the negative ELBO of the
   * VAE, the reconstruction error of the autoencoders (the adversarial one too), minus D's logit
   * for the MLP GAN and the DCGAN.
   */
  public static boolean scoresImages(String model) {
    return OUTLIER_SCORERS.contains(model);
  }

  /**
   * The metric names a trial of {@code model} on {@code dataset} reports: those of {@link
   * #metrics(String, String)} for its kind, and {@value #OUTLIER_AUROC} when it leaves classes out
   * and the model {@link #scoresImages scores images}.
   */
  public static Set<String> metrics(String model, DatasetSpec dataset) {
    Set<String> names = new LinkedHashSet<>(metrics(model, dataset.kind()));
    if (dataset.hasOutliers() && scoresImages(model)) {
      names.add(OUTLIER_AUROC);
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * The metric names a trial of {@code model} on data of {@code datasetKind} reports: {@code
   * train/...} averaged over each report window (ProGAN's {@code train/phase} and {@code
   * train/alpha} are the values at the report's step), {@code val/...} once per epoch on held-out
   * data. On {@code gaussian-2d} the GAN also compares its samples' mean and covariance with the
   * true ones, on {@code mixture-1d} their distribution with the held-out points' ({@code val/ks});
   * on images every generating kind reports {@code val/fid} and the sample metrics
   * measured with it (KID, precision and recall, class coverage; the conditional GAN also {@code
   * val/class_accuracy}), but CycleGAN, which translates between two domains, reports an FID
   * per direction and {@code val/target_class_rate} instead. Throws for an unknown model or a combination that {@link #supports}
   * rejects.
   */
  public static Set<String> metrics(String model, String datasetKind) {
    if (model != null && PARAMETERS.containsKey(model) && !supports(model, datasetKind)) {
      throw new IllegalArgumentException(
          "model '" + model + "' does not train on dataset '" + datasetKind + "'");
    }
    Set<String> names =
        new LinkedHashSet<>(
            switch (model) {
              case "ae" -> List.of("train/loss", "val/mse", "val/pca_mse");
              case "dae" -> List.of("train/loss", "val/mse", "val/mse_noisy", "val/pca_mse");
              case "vae" ->
                  List.of("train/loss", "train/recon", "train/kl", "val/elbo", "val/iwae");
              case "aae" ->
                  List.of(
                      "train/loss",
                      "train/loss_d",
                      "train/loss_g",
                      "train/d_real",
                      "train/d_fake",
                      "val/mse",
                      "val/d_code",
                      "val/code_mean_error",
                      "val/code_cov_error");
              case "gan", "dcgan", "cgan", "stylegan" -> GAN_METRICS;
              case "progan" -> PROGAN_METRICS;
              case "pix2pix" ->
                  List.of(
                      "train/loss_d",
                      "train/loss_g",
                      "train/l1",
                      "train/d_real",
                      "train/d_fake",
                      "val/l1",
                      "val/copy_l1",
                      "val/ssim");
              case "cyclegan" ->
                  List.of("train/loss_d", "train/loss_g", "train/cycle_l1", "val/cycle_l1");
              default -> throw new IllegalArgumentException("unknown model '" + model + "'");
            });
    if (GANS.contains(model) && DatasetSpec.GAUSSIAN_2D.equals(datasetKind)) {
      names.addAll(MOMENT_METRICS);
    }
    if (GANS.contains(model) && DatasetSpec.MIXTURE_1D.equals(datasetKind)) {
      names.add(KS_METRIC);
    }
    if (reportsFid(model, datasetKind)) {
      names.addAll(model.equals("cyclegan") ? TRANSLATION_METRICS : SAMPLE_METRICS);
      if (model.equals("cgan")) {
        names.add("val/class_accuracy");
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
