package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Examples;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adversarial autoencoder with 2-D codes draws, each epoch, its held-out images' codes in the
 * colours of their classes over grey prior draws, and sends the picture as its other pictures go.
 */
class CodeScatterTest {

  // the plot and its legend, zoomed twice with a border of 2, as every picture is written
  private static final int WIDTH = 2 * (CodeScatter.PLOT + CodeScatter.LEGEND) + 4;
  private static final int HEIGHT = 2 * CodeScatter.PLOT + 4;
  private static final Color PRIOR_GREY = new Color(205, 205, 205);

  @TempDir Path dir;

  @Test
  void eachEpochDrawsTheHeldOutCodesInTheirClassesColours() throws Exception {
    Map<String, Object> params =
        Map.of(
            "latent_dim", 2,
            "hidden_dim", 32,
            "d_hidden", 32,
            "prior", "mixture",
            "batch_size", 64,
            "fid_samples", 0);
    TrialSpec spec =
        new TrialSpec(
            "sweep",
            "aae-codes",
            "aae",
            DatasetSpec.named("fashion-mnist").withLimits(256, 500),
            params,
            Budget.ofEpochs(2),
            1,
            4,
            dir.toString());
    RecordingListener listener = new RecordingListener();

    assertEquals(
        TrialOutcome.Kind.COMPLETED, new DjlTrialRunner().run(spec, listener, () -> false).kind());

    Path picture = dir.resolve("codes/epoch-002.png");
    assertTrue(
        listener.artifacts.stream()
            .anyMatch(a -> a.kind().equals("codes") && a.epoch() == 2 && a.path().equals(picture)),
        "the picture is sent as an artifact of kind codes");
    BufferedImage image = ImageIO.read(picture.toFile());
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    // the plot alone, left of the legend, whose swatches have every class's colour
    BufferedImage plot = image.getSubimage(0, 0, 2 * CodeScatter.PLOT + 2, HEIGHT);
    int[] counts = colourCounts(plot, CodeScatter.PALETTE);
    System.out.println("pixels of each class's colour in the plot " + Arrays.toString(counts));
    assertTrue(Arrays.stream(counts).filter(n -> n > 0).count() >= 8, "dots of 8 classes or more");
    assertTrue(colourCounts(plot, List.of(PRIOR_GREY))[0] > 1000, "grey prior draws under them");
  }

  @Test
  void codesWithoutLabelsTakeOneColourAndNoLegend() {
    Examples unlabelled = Examples.ofPoints(new float[3 * 4], 4);
    float[] codes = {0, 0, 1, 1, -1, 0.5f};

    ImageGrid grid = CodeScatter.draw(codes, unlabelled, List.of(), new float[] {0.5f, -0.5f});

    assertArrayEquals(new int[] {CodeScatter.PLOT, CodeScatter.PLOT, 3}, grid.tileShape());
    int[] rgb = new int[grid.pixels().length / 3];
    for (int i = 0; i < rgb.length; i++) {
      for (int band = 0; band < 3; band++) {
        rgb[i] = rgb[i] << 8 | Math.round(grid.pixels()[3 * i + band] * 255);
      }
    }
    int[] counts = colourCounts(rgb, CodeScatter.PALETTE);
    assertTrue(counts[0] > 0, "the codes in the first colour");
    assertEquals(0, Arrays.stream(counts, 1, counts.length).sum(), "and in no other");
  }

  private static int[] colourCounts(BufferedImage image, List<Color> colours) {
    int width = image.getWidth();
    return colourCounts(image.getRGB(0, 0, width, image.getHeight(), null, 0, width), colours);
  }

  private static int[] colourCounts(int[] rgb, List<Color> colours) {
    int[] counts = new int[colours.size()];
    for (int pixel : rgb) {
      for (int c = 0; c < colours.size(); c++) {
        if ((colours.get(c).getRGB() & 0xffffff) == (pixel & 0xffffff)) {
          counts[c]++;
        }
      }
    }
    return counts;
  }
}
