package io.gantry.worker.model;

import io.gantry.worker.trial.DatasetSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each model kind accepts and reports, so that a sweep file can be checked before
 * anything runs. Keys are the model names used in sweep files. The recipes read their
 * parameters through {@link Hyperparams}, which takes names, types and defaults from here, so
 * the two cannot drift apart.
 */
public final class ModelCatalog {

  private static final ParamDef BATCH_SIZE = ParamDef.ofInt("batch_size", 128, "examples per step");

  private static final Map<String, List<ParamDef>> PARAMETERS =
      Map.of(
          "ae",
          List.of(
              ParamDef.ofInt("latent_dim", 32, "size of the code"),
              ParamDef.ofInt("hidden_dim", 512, "width of the hidden layer of encoder and decoder"),
              ParamDef.ofDouble("lr", 1e-3, "Adam learning rate"),
              BATCH_SIZE),
          "vae",
          List.of(
              ParamDef.ofInt("latent_dim", 20, "size of z"),
              ParamDef.ofInt("hidden_dim", 400, "width of the hidden layer of encoder and decoder"),
              ParamDef.ofDouble("lr", 1e-3, "Adam learning rate"),
              BATCH_SIZE),
          "gan",
          List.of(
              ParamDef.ofInt("latent_dim", 64, "size of z"),
              ParamDef.ofInt("g_hidden", 256, "width of G's two hidden layers; 0 makes G linear"),
              ParamDef.ofInt("d_hidden", 256, "width of D's two hidden layers"),
              ParamDef.ofInt("k_disc_steps", 1, "discriminator steps per generator step"),
              ParamDef.ofDouble("lr_g", 2e-4, "generator Adam learning rate"),
              ParamDef.ofDouble("lr_d", 2e-4, "discriminator Adam learning rate"),
              ParamDef.ofDouble("beta1", 0.5, "Adam beta1 for both networks"),
              ParamDef.ofChoice(
                  "generator_loss", List.of("non_saturating", "minimax"), "generator objective"),
              BATCH_SIZE));

  private static final Set<String> DATASET_KINDS =
      Set.of(DatasetSpec.FASHION_MNIST, DatasetSpec.IDX, DatasetSpec.GAUSSIAN_2D);

  private static final List<String> MOMENT_METRICS = List.of("val/mean_error", "val/cov_error");

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
   * Whether a trial of {@code model} can run on data of {@code datasetKind}. Every model trains
   * on images; the VAE, whose decoder is Bernoulli, does not take {@code gaussian-2d}.
   */
  public static boolean supports(String model, String datasetKind) {
    return model != null
        && datasetKind != null
        && PARAMETERS.containsKey(model)
        && DATASET_KINDS.contains(datasetKind)
        && !(model.equals("vae") && datasetKind.equals(DatasetSpec.GAUSSIAN_2D));
  }

  /**
   * The metric names a trial of {@code model} on data of {@code datasetKind} reports: {@code
   * train/...} averaged over each report window, {@code val/...} once per epoch on held-out
   * data. On {@code gaussian-2d} the GAN also compares its samples' mean and covariance with the
   * true ones. Throws for an unknown model or a combination that {@link
   * #supports} rejects.
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
              case "vae" -> List.of("train/loss", "train/recon", "train/kl", "val/elbo");
              case "gan" ->
                  List.of(
                      "train/loss_d", "train/loss_g", "train/d_real", "train/d_fake",
                      "val/d_real", "val/d_fake");
              default -> throw new IllegalArgumentException("unknown model '" + model + "'");
            });
    if (model.equals("gan") && DatasetSpec.GAUSSIAN_2D.equals(datasetKind)) {
      names.addAll(MOMENT_METRICS);
    }
    return Collections.unmodifiableSet(names);
  }
}
