package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.worker.data.Batch;
import io.gantry.worker.data.Examples;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The training game every GAN kind plays, Goodfellow et al. 2014's Algorithm 1: every batch is one
 * discriminator step, and every {@code k_disc_steps}-th one is followed by a generator step on
 * fresh noise. The discriminator outputs logits; the losses are written with softplus, which is the
 * binary cross-entropy without its overflow; D's loss is the sum of its real and fake terms, or
 * with {@code d_loss: average} (d2l's) their mean. The generator maximises log D(G(z)) ({@code
 * non_saturating}, the paper's practical advice) or minimises log(1 - D(G(z))) ({@code minimax},
 * the game as stated). A recipe supplies the two players through {@link Players}.
 */
final class Adversarial {

  /** How a recipe's generator and discriminator are called; labels are null when unconditioned. */
  interface Players {

    /** Labels for {@code n} generated examples (random classes), or null. */
    NDArray fakeLabels(NDManager manager, long n);

    /** {@code n} generated examples in D's input space, in training or inference mode. */
    NDArray generate(NDManager manager, long n, NDArray labels, boolean training);

    /** D's logits, {@code (n, 1)}, for {@code x} as it arrives from the data or from G. */
    NDArray discriminate(NDArray x, NDArray labels, boolean training);
  }

  private static final String DISC_STEPS = "disc_steps";

  private final Network generator;
  private final Network discriminator;
  private final int kDiscSteps;
  private final boolean nonSaturating;
  private final boolean averageDiscriminatorLoss;
  private long discSteps;

  Adversarial(Network generator, Network discriminator, Hyperparams params) {
    this.generator = generator;
    this.discriminator = discriminator;
    this.kDiscSteps = params.intValue("k_disc_steps");
    this.nonSaturating = params.choice("generator_loss").equals("non_saturating");
    this.averageDiscriminatorLoss = params.choice("d_loss").equals("average");
  }

  /** One D step on {@code batch} (already in D's input space) and, when due, one G step. */
  Map<String, Float> step(Batch batch, Players players) {
    Map<String, Float> metrics = new HashMap<>();
    NDManager manager = batch.features().getManager();
    long n = batch.size();
    NDArray realLabels = batch.labels().orElse(null);
    NDArray fakeLabels = players.fakeLabels(manager, n);
    NDArray fake = players.generate(manager, n, fakeLabels, true).stopGradient();
    try (GradientCollector collector = Network.collectGradients()) {
      NDArray realLogits = players.discriminate(batch.features(), realLabels, true);
      NDArray fakeLogits = players.discriminate(fake, fakeLabels, true);
      // -log D(x) - log(1 - D(G(z))), averaged over the batch; d2l halves it, which Adam's steps
      // do not feel (they are invariant to the loss's scale) but its reported loss_D does
      NDArray terms =
          Activation.softPlus(realLogits.neg()).mean().add(Activation.softPlus(fakeLogits).mean());
      NDArray loss = averageDiscriminatorLoss ? terms.div(2) : terms;
      collector.backward(loss);
      metrics.put("train/loss_d", loss.getFloat());
      metrics.put("train/d_real", Activation.sigmoid(realLogits).mean().getFloat());
      metrics.put("train/d_fake", Activation.sigmoid(fakeLogits).mean().getFloat());
    }
    discriminator.step();
    // The step counter is the loop's step count, so a resumed trial keeps the same rhythm.
    if (++discSteps % kDiscSteps == 0) {
      metrics.put("train/loss_g", generatorStep(manager, n, players));
    }
    return metrics;
  }

  private float generatorStep(NDManager manager, long n, Players players) {
    // Frozen, D passes gradients through to G but keeps none of its own, which would
    // otherwise add into its next step (DJL does not zero gradients before a backward).
    discriminator.freeze(true);
    try (GradientCollector collector = Network.collectGradients()) {
      NDArray labels = players.fakeLabels(manager, n);
      NDArray logits =
          players.discriminate(players.generate(manager, n, labels, true), labels, true);
      NDArray loss =
          nonSaturating
              ? Activation.softPlus(logits.neg()).mean()
              : Activation.softPlus(logits).mean().neg();
      collector.backward(loss);
      generator.step();
      return loss.getFloat();
    } finally {
      discriminator.freeze(false);
    }
  }

  /** The discriminator steps taken, which a checkpoint keeps so that G steps stay on their beat. */
  Map<String, String> state() {
    return Map.of(DISC_STEPS, Long.toString(discSteps));
  }

  /** Puts the step count back from {@link #state}. */
  void restore(Map<String, String> state) {
    discSteps = Long.parseLong(state.getOrDefault(DISC_STEPS, "0"));
  }

  /**
   * {@code val/d_real}, D's mean probability on the held-out examples (mapped by {@code toInput}
   * into D's input space), and {@code val/d_fake} on as many fresh samples.
   */
  static Map<String, Double> heldOut(
      Examples test, NDManager manager, Players players, UnaryOperator<NDArray> toInput) {
    return Evaluation.meanOverExamples(
        test,
        manager,
        batch -> {
          NDManager chunk = batch.features().getManager();
          long n = batch.size();
          NDArray labels = players.fakeLabels(chunk, n);
          NDArray fake = players.generate(chunk, n, labels, false);
          NDArray real = toInput.apply(batch.features());
          return Map.of(
              "val/d_real",
                  probability(players.discriminate(real, batch.labels().orElse(null), false)),
              "val/d_fake", probability(players.discriminate(fake, labels, false)));
        });
  }

  private static NDArray probability(NDArray logits) {
    return Activation.sigmoid(logits).reshape(-1);
  }
}
