package io.gantry.protocol.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameter table behind {@link ModelCatalog}: names, types, defaults and bounds, in README
 * order. A parameter has the same bounds in every model that has it. The bounds keep out what
 * cannot train (no layer of width 0 where the recipe needs one, a learning rate of 0, Adam's
 * betas at 1, which divide by zero) and what would train nonsense or run for ever (a billion
 * discriminator steps per generator step); they are far from any setting worth trying.
 */
final class CatalogParameters {

  static final String FID_SAMPLES = "fid_samples";

  // Widths: 0 where the recipe drops the layer; up to sizes no 28x28 data set can use.
  private static final Bounds LATENT_DIM = Bounds.closed(1, 4096);
  private static final Bounds OPTIONAL_WIDTH = Bounds.closed(0, 16_384);
  private static final Bounds WIDTH = Bounds.closed(1, 16_384);
  private static final Bounds CHANNELS = Bounds.closed(1, 1024);
  // Adam: steps above 1 only blow the weights up; beta 1 would divide by 1 - beta^t = 0.
  private static final Bounds LEARNING_RATE = Bounds.openClosed(0, 1);
  private static final Bounds BETA = Bounds.closedOpen(0, 1);
  private static final Bounds BATCH = Bounds.closed(1, 65_536);
  // FID needs two images for a covariance; 0 turns val/fid off.
  private static final Bounds FID_COUNT = Bounds.closed(2, 100_000).orOff(0);

  private static final ParamDef BATCH_SIZE =
      ParamDef.ofInt("batch_size", 128, BATCH, "examples per step");
  private static final ParamDef FID =
      ParamDef.ofInt(
          FID_SAMPLES, 10_000, FID_COUNT, "generated images val/fid is measured on; 0 skips val/fid");

  static final Map<String, List<ParamDef>> PARAMETERS =
      Map.of(
          "ae", autoencoder(List.of()),
          "dae",
              autoencoder(
                  List.of(
                      // masking every value (1) leaves nothing to reconstruct from
                      ParamDef.ofDouble(
                          "noise_p",
                          0.25,
                          Bounds.closedOpen(0, 1),
                          "fraction of input pixels set to 0 (masking noise)"),
                      ParamDef.ofDouble(
                          "noise_std",
                          0.0,
                          Bounds.closed(0, 10),
                          "std of Gaussian noise added after masking"))),
          "vae",
              List.of(
                  ParamDef.ofInt("latent_dim", 20, LATENT_DIM, "size of z"),
                  ParamDef.ofInt(
                      "hidden_dim",
                      400,
                      OPTIONAL_WIDTH,
                      "width of the hidden layer of encoder and decoder; 0: none"),
                  ParamDef.ofDouble("lr", 1e-3, LEARNING_RATE, "Adam learning rate"),
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
                          "g_hidden",
                          256,
                          OPTIONAL_WIDTH,
                          "width of G's two hidden layers; 0 makes G linear"),
                      // a linear D compares means only, so it has hidden layers
                      ParamDef.ofInt("d_hidden", 256, WIDTH, "width of D's two hidden layers"))),
          "dcgan", gan(100, 2e-4, 0.5, 128, convWidths()),
          "cgan", gan(100, 2e-4, 0.5, 128, convWidths()),
          "progan",
              gan(
                  128,
                  1e-3,
                  0.0,
                  64,
                  List.of(
                      ParamDef.ofInt(
                          "channels", 32, CHANNELS, "feature maps at every resolution of G and D"),
                      ParamDef.ofInt(
                          "phase_images",
                          20_000,
                          Bounds.closed(1, 100_000_000),
                          "images per fade-in and per stable phase"),
                      ParamDef.ofDouble("beta2", 0.99, BETA, "Adam beta2 for both networks"))));

  private CatalogParameters() {}

  private static List<ParamDef> autoencoder(List<ParamDef> extra) {
    List<ParamDef> defs =
        new ArrayList<>(
            List.of(
                ParamDef.ofInt("latent_dim", 32, LATENT_DIM, "size of the code"),
                ParamDef.ofInt(
                    "hidden_dim",
                    512,
                    OPTIONAL_WIDTH,
                    "width of the hidden layer of encoder and decoder; 0: none"),
                ParamDef.ofChoice(
                    "activation", List.of("relu", "linear"), "linear: no nonlinearity anywhere"),
                ParamDef.ofDouble("lr", 1e-3, LEARNING_RATE, "Adam learning rate"),
                BATCH_SIZE));
    defs.addAll(extra);
    return List.copyOf(defs);
  }

  private static List<ParamDef> convWidths() {
    return List.of(
        ParamDef.ofInt(
            "g_channels", 32, CHANNELS, "feature maps of G's last block (x2, x4 below it)"),
        ParamDef.ofInt(
            "d_channels", 32, CHANNELS, "feature maps of D's first block (x2, x4 above it)"));
  }

  /** The parameters every GAN kind shares, then the kind's own, then {@code fid_samples}. */
  private static List<ParamDef> gan(
      int latent, double lr, double beta1, int batch, List<ParamDef> own) {
    List<ParamDef> defs =
        new ArrayList<>(
            List.of(
                ParamDef.ofInt("latent_dim", latent, LATENT_DIM, "size of z"),
                // more than 100 D steps per G step leaves G all but untrained
                ParamDef.ofInt(
                    "k_disc_steps",
                    1,
                    Bounds.closed(1, 100),
                    "discriminator steps per generator step"),
                ParamDef.ofDouble("lr_g", lr, LEARNING_RATE, "generator Adam learning rate"),
                ParamDef.ofDouble("lr_d", lr, LEARNING_RATE, "discriminator Adam learning rate"),
                ParamDef.ofDouble("beta1", beta1, BETA, "Adam beta1 for both networks"),
                ParamDef.ofChoice(
                    "generator_loss", List.of("non_saturating", "minimax"), "generator objective"),
                ParamDef.ofInt("batch_size", batch, BATCH, "examples per step")));
    defs.addAll(own);
    defs.add(FID);
    return List.copyOf(defs);
  }
}
