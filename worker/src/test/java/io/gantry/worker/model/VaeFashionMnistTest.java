package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import io.gantry.worker.trial.Budget;
import io.gantry.worker.trial.DatasetSpec;
import io.gantry.worker.trial.TrialOutcome;
import io.gantry.worker.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAE learns Fashion-MNIST: its held-out ELBO rises over the first epochs. */
class VaeFashionMnistTest {

  @TempDir Path artifacts;

  @Test
  void heldOutElboRisesFromEpochOneToThree() throws Exception {
    TrialSpec spec =
        new TrialSpec(
            "learning", "vae-fashion", "vae",
            DatasetSpec.named("fashion-mnist").withLimits(5000, 1000),
            Map.of(), Budget.ofEpochs(3), 7, 20, artifacts.toString());
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome = new DjlTrialRunner().run(spec, listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    double first = listener.value("val/elbo", 1).orElseThrow();
    double second = listener.value("val/elbo", 2).orElseThrow();
    double third = listener.value("val/elbo", 3).orElseThrow();
    assertTrue(first < second && second < third, "val/elbo by epoch: " + first + ", " + second + ", " + third);
    // An ELBO in nats per image: negative, and past what a blank decoder (~ -550) reaches.
    assertTrue(third < 0 && third > -400, "val/elbo " + third);
    double loss = listener.last("train/loss");
    double parts = listener.last("train/recon") + listener.last("train/kl");
    assertEquals(loss, parts, 1e-3 * Math.abs(loss));
  }
}
