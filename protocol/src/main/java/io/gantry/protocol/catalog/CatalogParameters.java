package io.gantry.protocol.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parameter table behind {@link ModelCatalog}: names, types, defaults, in README order. */
final class CatalogParameters {

  static final String FID_SAMPLES = "fid_samples";

  private static final ParamDef BATCH_SIZE = ParamDef.ofInt("batch_size", 128, "examples per step");
  private static final ParamDef FID =
      ParamDef.ofInt(FID_SAMPLES, 10_000, "generated images val/fid is measured on; 0 skips val/fid");

  static final Map<String, List<ParamDef>> PARAMETERS =
      Map.of(
          "ae", autoencoder(List.of()),
          "dae",
              autoencoder(
                  List.of(
                      ParamDef.ofDouble(
                          "noise_p", 0.25, "fraction of input pixels set to 0 (masking noise)"),
                      ParamDef.ofDouble(
                          "noise_std", 0.0, "std of Gaussian noise added after masking"))),
          "vae",
              List.of(
                  ParamDef.ofInt("latent_dim", 20, "size of z"),
                  ParamDef.ofInt(
                      "hidden_dim", 400, "width of the hidden layer of encoder and decoder"),
                  ParamDef.ofDouble("lr", 1e-3, "Adam learning rate"),
                  BATCH_SIZE,
                  FID),
          "gan",
              gan(
                  64,
                  2e-4,
                  0.5,
                  128,
                  List.of(
                      ParamDef.ofInt(
                          "g_hidden", 256, "width of G's two hidden layers; 0 makes G linear"),
                      ParamDef.ofInt("d_hidden", 256, "width of D's two hidden layers"))),
          "dcgan", gan(100, 2e-4, 0.5, 128, convWidths()),
          "cgan", gan(100, 2e-4, 0.5, 128, convWidths()),
          "progan",
              gan(
                  128,
                  1e-3,
                  0.0,
                  64,
                  List.of(
                      ParamDef.ofInt("channels", 32, "feature maps at every resolution of G and D"),
                      ParamDef.ofInt(
                          "phase_images", 20_000, "images per fade-in and per stable phase"),
                      ParamDef.ofDouble("beta2", 0.99, "Adam beta2 for both networks"))));

  private CatalogParameters() {}

  private static List<ParamDef> autoencoder(List<ParamDef> extra) {
    List<ParamDef> defs =
        new ArrayList<>(
            List.of(
                ParamDef.ofInt("latent_dim", 32, "size of the code"),
                ParamDef.ofInt(
                    "hidden_dim", 512, "width of the hidden layer of encoder and decoder; 0: none"),
                ParamDef.ofChoice(
                    "activation", List.of("relu", "linear"), "linear: no nonlinearity anywhere"),
                ParamDef.ofDouble("lr", 1e-3, "Adam learning rate"),
                BATCH_SIZE));
    defs.addAll(extra);
    return List.copyOf(defs);
  }

  private static List<ParamDef> convWidths() {
    return List.of(
        ParamDef.ofInt("g_channels", 32, "feature maps of G's last block (x2, x4 below it)"),
        ParamDef.ofInt("d_channels", 32, "feature maps of D's first block (x2, x4 above it)"));
  }

  /** The parameters every GAN kind shares, then the kind's own, then {@code fid_samples}. */
  private static List<ParamDef> gan(
      int latent, double lr, double beta1, int batch, List<ParamDef> own) {
    List<ParamDef> defs =
        new ArrayList<>(
            List.of(
                ParamDef.ofInt("latent_dim", latent, "size of z"),
                ParamDef.ofInt("k_disc_steps", 1, "discriminator steps per generator step"),
                ParamDef.ofDouble("lr_g", lr, "generator Adam learning rate"),
                ParamDef.ofDouble("lr_d", lr, "discriminator Adam learning rate"),
                ParamDef.ofDouble("beta1", beta1, "Adam beta1 for both networks"),
                ParamDef.ofChoice(
                    "generator_loss", List.of("non_saturating", "minimax"), "generator objective"),
                ParamDef.ofInt("batch_size", batch, "examples per step")));
    defs.addAll(own);
    defs.add(FID);
    return List.copyOf(defs);
  }
}
