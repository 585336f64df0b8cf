package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GAN fed 1-D uniform noise learns the two-mode mixture by a change of variables: its KS distance
 * to the held-out points falls to a quarter of the untrained generator's, and each epoch draws the
 * learned transform beside the inverse CDF.
 */
class MixtureGanTest {

  @TempDir Path artifacts;

  @Test
  void uniformNoiseLearnsTheMixture() throws Exception {
    Map<String, Object> params =
        Map.of(
            "latent_dim", 1,
            "noise", "uniform",
            "g_hidden", 32,
            "d_hidden", 32,
            "lr_g", 0.002,
            "lr_d", 0.002,
            "batch_size", 64);
    TrialSpec spec =
        new TrialSpec(
            "mixture",
            "gan-mixture",
            "gan",
            DatasetSpec.named(DatasetSpec.MIXTURE_1D).withLimits(4000, 4000),
            params,
            Budget.ofEpochs(4),
            3,
            50,
            artifacts.toString());
    double untrained = untrainedKs(spec);
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome = new DjlTrialRunner().run(spec, listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    double last = listener.last("val/ks");
    System.out.println("val/ks untrained " + untrained + " trained " + last);
    assertTrue(last < untrained / 4, "val/ks from " + untrained + " to " + last);
    assertTrue(Files.size(artifacts.resolve("transform").resolve("epoch-004.png")) > 0);
  }

  /**
   * {@code val/ks} of the generator as it starts, before any step: seeded as the trial runner seeds
   * it, so that it is the trial's own first generator and not whatever the engine's generator drew.
   */
  private static double untrainedKs(TrialSpec spec) throws Exception {
    TrialData data = Datasets.load(spec.dataset(), spec.seed());
    Engine.getInstance().setRandomSeed(Long.hashCode(spec.seed()));
    try (ModelRecipe recipe =
            ModelRecipe.create("gan", Hyperparams.resolve("gan", spec.params()), data);
        NDManager manager = NDManager.newBaseManager()) {
      return recipe.evaluate(manager).get("val/ks");
    }
  }
}
