package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.CheckpointFolders;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images drawn from the checkpoint of a small trained model, beside real test images. */
class CheckpointDrawsTest {

  @TempDir Path dir;

  @Test
  void drawsHaveTheDataSetsShapeAndTheSameSeedGivesTheSameImages() throws Exception {
    Map<String, Object> params = new HashMap<>(Trials.small("gan"));
    params.put("fid_samples", 0);
    Path checkpoint = trained(Trials.fashion("gan", params, Budget.ofEpochs(1), 7, dir));

    CheckpointDraws.Images first = CheckpointDraws.draw("gan", params, datasetOf(params), checkpoint, 5, 21);
    assertEquals(28, first.width());
    assertEquals(28, first.height());
    assertEquals(5, first.generated().size());
    assertEquals(5, first.real().size());
    for (byte[] png : concat(first.generated(), first.real())) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(28, image.getWidth());
      assertEquals(28, image.getHeight());
      assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
    }

    CheckpointDraws.Images again = CheckpointDraws.draw("gan", params, datasetOf(params), checkpoint, 5, 21);
    CheckpointDraws.Images other = CheckpointDraws.draw("gan", params, datasetOf(params), checkpoint, 5, 22);
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(first.generated().get(i), again.generated().get(i), "generated image " + i);
      assertArrayEquals(first.real().get(i), again.real().get(i), "real image " + i);
    }
    assertFalse(
        Arrays.equals(first.generated().get(0), other.generated().get(0)), "another seed draws other images");
  }

  @Test
  void anAutoencoderSaysItCannotGenerate() throws Exception {
    Map<String, Object> params = Trials.small("ae");
    TrialSpec spec = Trials.fashion("ae", params, Budget.ofSteps(4), 3, dir);
    Path checkpoint = trained(spec);
    String message =
        assertThrows(IllegalArgumentException.class, () -> CheckpointDraws.draw("ae", params, spec.dataset(), checkpoint, 2, 1))
            .getMessage();
    assertTrue(message.contains("does not generate"), message);
  }

  private DatasetSpec datasetOf(Map<String, Object> params) {
    return Trials.fashion("gan", params, Budget.ofEpochs(1), 7, dir).dataset();
  }

  private Path trained(TrialSpec spec) throws Exception {
    TrialOutcome outcome = new DjlTrialRunner().run(spec, new RecordingListener(), () -> false);
    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    return CheckpointFolders.latest(Path.of(spec.artifactDir())).orElseThrow();
  }

  private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
