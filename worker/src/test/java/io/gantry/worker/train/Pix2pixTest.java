package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.worker.train.RecordingListener.Report;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pix2pix on a Fashion-MNIST subset learns to draw garments from their edges: its translations
 * come closer to the images than the edge maps themselves (the baseline of a G that copies its
 * input), by L1 and by SSIM, with finite losses and outputs that are not one flat image.
 */
class Pix2pixTest {

  @TempDir Path dir;

  @Test
  void translatesEdgesIntoImagesBetterThanCopyingThem() throws Exception {
    Map<String, Object> params = new HashMap<>(Trials.small("pix2pix"));
    params.put("task", "edges");
    params.put("fid_samples", 0); // CatalogMetricsTest measures FID of translations
    RecordingListener listener = new RecordingListener();
    DatasetSpec data = DatasetSpec.named("fashion-mnist").withLimits(1024, 256);

    TrialOutcome outcome =
        new DjlTrialRunner()
            .run(Trials.spec("pix2pix", data, params, Budget.ofEpochs(3), 2, dir), listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    for (Report report : listener.reports) {
      report.metrics().forEach((name, value) -> assertTrue(Double.isFinite(value), name + " at " + report.step()));
    }
    double l1 = listener.last("val/l1");
    double copy = listener.last("val/copy_l1");
    double ssim = listener.last("val/ssim");
    System.out.printf(
        "pix2pix edges: val/l1 %.4f (copying the input: %.4f, epoch 1: %.4f), val/ssim %.3f%n",
        l1, copy, listener.value("val/l1", 1).orElseThrow(), ssim);
    assertTrue(l1 < 0.75 * copy, "L1 " + l1 + " against copying's " + copy);
    assertTrue(ssim > 0.3, "SSIM " + ssim);

    // input | translation | image, eight rows of 28x28 tiles zoomed twice
    Path picture = dir.resolve("translation/epoch-003.png");
    Pictures.assertPicture(picture, 3 * 58 + 2, 8 * 58 + 2);
    BufferedImage image = ImageIO.read(picture.toFile());
    int first = image.getRGB(58 + 30, 30);
    boolean varies = false;
    for (int y = 2; y < image.getHeight() && !varies; y += 3) {
      varies = image.getRGB(58 + 30, y) != first;
    }
    assertTrue(varies, "the translations are not one flat colour");
  }
}
