package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.CheckpointFolders;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.model.ClassCodes;
import io.gantry.worker.model.ClassExpression;
import io.gantry.worker.model.ImageGrid;
import io.gantry.worker.model.LatentArithmetic;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latent arithmetic on a small VAE trained two epochs on a Fashion-MNIST subset: each epoch draws
 * the arithmetic picture, the mean codes add up as vectors, and a model without class codes says
 * so.
 */
class LatentArithmeticTest {

  @TempDir Path dir;

  @Test
  void aVaeDrawsTheArithmeticEachEpochAndItsCodesAddUp() throws Exception {
    Map<String, Object> params = new HashMap<>(Trials.small("vae"));
    params.put("fid_samples", 0);
    TrialSpec spec = Trials.fashion("vae", params, Budget.ofEpochs(2), 7, dir);
    Path checkpoint = trained(spec);

    // four default expressions of A, B, C and A - B + C: 4 x 4 tiles of 28x28 zoomed twice
    Pictures.assertPicture(dir.resolve("arithmetic/epoch-002.png"), 4 * 58 + 2, 4 * 58 + 2);
    try (RestoredRecipe restored = RestoredRecipe.open("vae", params, spec.dataset(), checkpoint, 7)) {
      ClassCodes codes = restored.recipe().classCodes().orElseThrow();
      ImageGrid grid =
          GradMode.withoutGradients(() -> restored.recipe().pictures(restored.manager()))
              .get(LatentArithmetic.KIND);
      assertEquals(4, grid.rows());
      assertEquals(4, grid.cols());
      assertEquals(16 * 28 * 28, grid.pixels().length);

      ClassExpression same = ClassExpression.parse("sneaker - sandal + sandal", codes.names());
      NDArray classCodes = codes.codes(restored.manager());
      float[] sneaker = classCodes.get(7).toFloatArray();
      float[] sum = LatentArithmetic.code(same, classCodes).toFloatArray();
      assertArrayEquals(sneaker, sum, 1e-6f);
      // and the sneaker's mean code is not every class's: the check could fail
      assertTrue(!Arrays.equals(sneaker, classCodes.get(5).toFloatArray()));

      ImageGrid row = LatentArithmetic.grid(codes, List.of(same), restored.manager());
      int tile = 28 * 28;
      assertArrayEquals(
          Arrays.copyOfRange(row.pixels(), 0, tile),
          Arrays.copyOfRange(row.pixels(), 3 * tile, 4 * tile),
          1e-6f,
          "A - B + B decodes to A");
    }
  }

  @Test
  void aConditionalGanDrawsEachExpressionWithFourZ() throws Exception {
    Map<String, Object> params = new HashMap<>(Trials.small("cgan"));
    params.put("fid_samples", 0);
    TrialSpec spec = Trials.fashion("cgan", params, Budget.ofSteps(4), 5, dir);
    Path checkpoint = trained(spec);
    Path out = dir.resolve("cgan.png");

    new CheckpointArithmetic().draw("cgan", params, spec.dataset(), checkpoint, "2*coat - dress", 1, out);

    // four rows, one per z: coat, dress, then 2*coat - dress
    Pictures.assertPicture(out, 3 * 58 + 2, 4 * 58 + 2);
  }

  @Test
  void anAutoencoderHasNoClassCodes() throws Exception {
    Map<String, Object> params = Trials.small("ae");
    TrialSpec spec = Trials.fashion("ae", params, Budget.ofSteps(4), 3, dir);
    Path checkpoint = trained(spec);
    Path out = dir.resolve("ae.png");
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new CheckpointArithmetic()
                        .draw("ae", params, spec.dataset(), checkpoint, "coat - dress", 1, out))
            .getMessage();
    assertTrue(message.contains("has no class codes"), message);
  }

  private static Path trained(TrialSpec spec) throws Exception {
    TrialOutcome outcome = new DjlTrialRunner().run(spec, new RecordingListener(), () -> false);
    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    return CheckpointFolders.latest(Path.of(spec.artifactDir())).orElseThrow();
  }
}
