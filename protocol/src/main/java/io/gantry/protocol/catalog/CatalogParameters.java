package io.gantry.protocol.catalog;

import io.gantry.protocol.trial.DatasetSpec;
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
          FID_SAMPLES,
          10_000,
          FID_COUNT,
          "generated images val/fid and the sample metrics are measured on; 0 skips them");

  // The adversarial game's rules, the same in every kind that plays it (Adversarial in the worker).
  // More than 100 D steps per G step leaves G all but untrained.
  private static final ParamDef K_DISC_STEPS =
      ParamDef.ofInt(
          "k_disc_steps", 1, Bounds.closed(1, 100), "discriminator steps per generator step");
  private static final ParamDef GENERATOR_LOSS =
      ParamDef.ofChoice(
          "generator_loss", List.of("non_saturating", "minimax"), "generator objective");
  private static final ParamDef D_LOSS =
      ParamDef.ofChoice(
          "d_loss",
          List.of("sum", "average"),
          "D's loss: the sum of its real and fake terms (Goodfellow et al.), or their"
              + " average (d2l's), half as large");

  // ProGAN's and StyleGAN's networks keep one width at every resolution, and both papers' Adam
  // runs with beta2 at 0.99.
  private static final ParamDef EVERY_RESOLUTION_CHANNELS =
      ParamDef.ofInt("channels", 32, CHANNELS, "feature maps at every resolution of G and D");
  private static final ParamDef KARRAS_BETA2 =
      ParamDef.ofDouble("beta2", 0.99, BETA, "Adam beta2 for both networks");

  static final Map<String, List<ParamDef>> PARAMETERS =
      Map.ofEntries(
          Map.entry("ae", autoencoder(List.of())),
          Map.entry("dae",
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
                          "std of Gaussian noise added after masking")))),
          Map.entry("vae",
              List.of(
                  ParamDef.ofInt("latent_dim", 20, LATENT_DIM, "size of z"),
                  ParamDef.ofInt(
                      "hidden_dim",
                      400,
                      OPTIONAL_WIDTH,
                      "width of the hidden layer of encoder and decoder; 0: none"),
                  ParamDef.ofDouble("lr", 1e-3, LEARNING_RATE, "Adam learning rate"),
                  BATCH_SIZE,
                  FID)),
          Map.entry("gan",
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
                      ParamDef.ofInt("d_hidden", 256, WIDTH, "width of D's two hidden layers"),
                      ParamDef.ofInt(
                          "d_hidden2",
                          0,
                          OPTIONAL_WIDTH,
                          "width of D's second hidden layer; 0: d_hidden, as the first"),
                      ParamDef.ofChoice(
                          "d_activation",
                          List.of("leaky_relu", "tanh"),
                          "D's nonlinearity: LeakyReLU(0.2) or tanh (d2l's)"),
                      // above 1 the first layers saturate; 0 keeps DJL's Xavier weights
                      ParamDef.ofDouble(
                          "init_std",
                          0.0,
                          Bounds.openClosed(0, 1).orOff(0),
                          "std of the N(0, std) every weight and bias of G and D starts from; 0:"
                              + " Xavier weights and zero biases"),
                      ParamDef.ofChoice(
                          "noise",
                          List.of("normal", "uniform"),
                          "G's input: z ~ N(0, I) or U(0, 1) in every coordinate")))),
          Map.entry("aae", adversarialAutoencoder()),
          Map.entry("dcgan", gan(100, 2e-4, 0.5, 128, convWidths())),
          Map.entry("cgan", gan(100, 2e-4, 0.5, 128, convWidths())),
          Map.entry("progan",
              gan(
                  128,
                  1e-3,
                  0.0,
                  64,
                  List.of(
                      EVERY_RESOLUTION_CHANNELS,
                      ParamDef.ofInt(
                          "phase_images",
                          20_000,
                          Bounds.closed(1, 100_000_000),
                          "images per fade-in and per stable phase"),
                      KARRAS_BETA2))),
          Map.entry("stylegan",
              gan(
                  64,
                  1e-3,
                  0.0,
                  32,
                  List.of(
                      EVERY_RESOLUTION_CHANNELS,
                      ParamDef.ofInt(
                          "mapping_layers",
                          8,
                          Bounds.closed(1, 16),
                          "dense layers of the mapping network from z to w"),
                      ParamDef.ofDouble(
                          "mixing_prob",
                          0.9,
                          Bounds.closed(0, 1),
                          "share of training batches drawn with two z's crossing over at a random layer"),
                      KARRAS_BETA2))),
          Map.entry("pix2pix", pix2pix()),
          Map.entry("cyclegan", cycleGan()));

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

  /**
   * The adversarial autoencoder: the autoencoder's widths and learning rate, and the game on codes
   * with its discriminator's own width and learning rate, the encoder playing the generator.
   */
  private static List<ParamDef> adversarialAutoencoder() {
    return List.of(
        ParamDef.ofInt("latent_dim", 8, LATENT_DIM, "size of the code"),
        ParamDef.ofInt("hidden_dim", 512, WIDTH, "width of the two hidden layers of encoder and decoder"),
        ParamDef.ofInt("d_hidden", 256, WIDTH, "width of the code discriminator's two hidden layers"),
        ParamDef.ofChoice(
            "prior", List.of("gaussian", "mixture"), "the codes' target: N(0, I), or 10 Gaussians on a circle"),
        ParamDef.ofDouble("lr", 1e-3, LEARNING_RATE, "Adam learning rate of encoder and decoder"),
        ParamDef.ofDouble("lr_g", 2e-4, LEARNING_RATE, "Adam learning rate of the encoder against D"),
        ParamDef.ofDouble("lr_d", 1e-3, LEARNING_RATE, "Adam learning rate of the code discriminator"),
        ParamDef.ofDouble("beta1", 0.5, BETA, "Adam beta1 of the game's two optimizers"),
        K_DISC_STEPS,
        GENERATOR_LOSS,
        D_LOSS,
        BATCH_SIZE,
        FID);
  }

  /**
   * pix2pix: the paired task, the weight of the L1 term, the two networks' widths and Adams (the
   * paper's 2e-4 and beta1 0.5).
   */
  private static List<ParamDef> pix2pix() {
    return translation(
        List.of(
            ParamDef.ofChoice(
                "task",
                List.of("edges", "inpaint", "upscale", "paired"),
                "the input G translates into the image: its Sobel edges, the image with its centre"
                    + " square masked, the image at a quarter of its side, or the input image the"
                    + " data set pairs with it"),
            // 0 leaves the adversarial loss alone; far above the paper's 100 the patches no longer count
            ParamDef.ofDouble(
                "l1_weight", 100.0, Bounds.closed(0, 10_000), "weight of G's L1 loss to the target")),
        ParamDef.ofInt("batch_size", 64, BATCH, "examples per step"),
        FID);
  }

  /**
   * A translation kind's parameters: its own, then the widths of its U-Net Gs and PatchGAN Ds and
   * their Adams (the papers' 2e-4 and beta1 0.5, the same in pix2pix and CycleGAN), then its batch
   * size and its {@code fid_samples}.
   */
  private static List<ParamDef> translation(List<ParamDef> own, ParamDef batchSize, ParamDef fid) {
    List<ParamDef> defs = new ArrayList<>(own);
    defs.addAll(
        List.of(
            ParamDef.ofInt(
                "g_channels", 32, CHANNELS, "feature maps of a U-Net G's outer blocks (x2, x4, x8 inside)"),
            ParamDef.ofInt(
                "d_channels", 32, CHANNELS, "feature maps of a PatchGAN D's first block (x2 in the next)"),
            ParamDef.ofDouble("lr_g", 2e-4, LEARNING_RATE, "generator Adam learning rate"),
            ParamDef.ofDouble("lr_d", 2e-4, LEARNING_RATE, "discriminator Adam learning rate"),
            ParamDef.ofDouble("beta1", 0.5, BETA, "Adam beta1 for every network")));
    defs.add(batchSize);
    defs.add(fid);
    return List.copyOf(defs);
  }

  /**
   * CycleGAN: the two domains (one or several Fashion-MNIST classes each; of another labelled set,
   * the classes of the same labels), the weights of the cycle and identity losses (the paper's 10, and 0 outside
   * its painting-to-photo task), the networks' widths and the paper's Adam settings.
   */
  private static List<ParamDef> cycleGan() {
    List<String> classes = DatasetSpec.FASHION_MNIST_CLASS_NAMES;
    return translation(
        List.of(
            ParamDef.ofChoices("domain_a", moveToFront(classes, "sneaker"), "the class or classes of domain A"),
            ParamDef.ofChoices(
                "domain_b", moveToFront(classes, "ankle_boot"), "the class or classes of domain B"),
            ParamDef.ofDouble(
                "cycle_weight", 10.0, Bounds.closed(0, 1000), "weight of the cycle-consistency L1 loss"),
            ParamDef.ofDouble(
                "identity_weight",
                0.0,
                Bounds.closed(0, 1000),
                "weight of the identity L1 loss (each G left alone on its own domain's images)")),
        ParamDef.ofInt("batch_size", 32, BATCH, "examples per step, of every class the data keeps"),
        ParamDef.ofInt(
            FID_SAMPLES,
            1000,
            FID_COUNT,
            "held-out images of each domain translated for val/fid_a, val/fid_b and"
                + " val/target_class_rate (at most all of them); 0 skips those"));
  }

  /** {@code values} with {@code first}, the default of a choice, moved to the front. */
  private static List<String> moveToFront(List<String> values, String first) {
    List<String> ordered = new ArrayList<>(List.of(first));
    values.stream().filter(v -> !v.equals(first)).forEach(ordered::add);
    return ordered;
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
                K_DISC_STEPS,
                ParamDef.ofDouble("lr_g", lr, LEARNING_RATE, "generator Adam learning rate"),
                ParamDef.ofDouble("lr_d", lr, LEARNING_RATE, "discriminator Adam learning rate"),
                ParamDef.ofDouble("beta1", beta1, BETA, "Adam beta1 for both networks"),
                GENERATOR_LOSS,
                D_LOSS,
                ParamDef.ofInt("batch_size", batch, BATCH, "examples per step")));
    defs.addAll(own);
    defs.add(FID);
    return List.copyOf(defs);
  }
}
