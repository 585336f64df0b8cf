package io.gantry.worker.model;

import io.gantry.worker.trial.DatasetSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each model kind accepts and reports, so that a sweep file can be checked before
 * anything runs. Keys are the model names used in sweep files.
 */
public final class ModelCatalog {

  private static final ParamDef BATCH_SIZE = ParamDef.ofInt("batch_size", 128, "examples per step");

  private static final Map<String, List<ParamDef>> PARAMETERS =
      Map.of(
          "ae",
          List.of(
              ParamDef.ofInt("latent_dim", 32, "size of the code"),
              ParamDef.ofInt("hidden_dim", 512, "width of the hidden layers"),
              ParamDef.ofDouble("lr", 1e-3, "Adam learning rate"),
              BATCH_SIZE),
          "vae",
          List.of(
              ParamDef.ofInt("latent_dim", 20, "size of z"),
              ParamDef.ofInt("hidden_dim", 400, "width of the hidden layers"),
              ParamDef.ofDouble("lr", 1e-3, "Adam learning rate"),
              BATCH_SIZE),
          "gan",
          List.of(
              ParamDef.ofInt("latent_dim", 64, "size of z"),
              ParamDef.ofInt("g_hidden", 256, "generator hidden width; 0 makes G linear"),
              ParamDef.ofInt("d_hidden", 256, "discriminator hidden width"),
              ParamDef.ofInt("k_disc_steps", 1, "discriminator steps per generator step"),
              ParamDef.ofDouble("lr_g", 2e-4, "generator Adam learning rate"),
              ParamDef.ofDouble("lr_d", 2e-4, "discriminator Adam learning rate"),
              ParamDef.ofDouble("beta1", 0.5, "Adam beta1 for both networks"),
              ParamDef.ofChoice(
                  "generator_loss", List.of("non_saturating", "minimax"), "generator objective"),
              BATCH_SIZE));

  private ModelCatalog() {}

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

  /** The metric names a trial of {@code model} on data of {@code datasetKind} reports. */
  public static Set<String> metrics(String model, String datasetKind) {
    boolean points = DatasetSpec.GAUSSIAN_2D.equals(datasetKind);
    return switch (model) {
      case "ae" -> Set.of("train/loss", "val/mse");
      case "vae" ->
          points
              ? Set.of("train/loss", "train/recon", "train/kl", "val/elbo", "val/mean_error", "val/cov_error")
              : Set.of("train/loss", "train/recon", "train/kl", "val/elbo");
      case "gan" ->
          points
              ? Set.of(
                  "train/loss_d", "train/loss_g", "train/d_real", "train/d_fake",
                  "val/mean_error", "val/cov_error")
              : Set.of("train/loss_d", "train/loss_g", "train/d_real", "train/d_fake");
      default -> throw new IllegalArgumentException("unknown model '" + model + "'");
    };
  }
}
