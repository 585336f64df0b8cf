package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.idx.IdxReader;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import io.gantry.worker.train.RecordingListener.Report;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pix2pix on a paired set read from IDX files by path ({@code task: paired}): with Fashion-MNIST
 * images as the targets and their Sobel edges, written out as bytes, as the inputs, it trains as
 * the built-in {@code edges} task does on the same images and seed, but for the edges' rounding to
 * bytes; its inputs are the file's, image by image. Files that do not pair are refused by name.
 */
class PairedFilesTest {

  private static final int TRAIN = 256;
  private static final int TEST = 64;
  private static final int SIDE = 28;
  private static final Map<String, Object> SMALL =
      Map.of("g_channels", 8, "d_channels", 8, "batch_size", 32, "fid_samples", 0);

  @TempDir Path dir;

  private DatasetSpec images;

  @BeforeEach
  void writeTheSet() throws IOException {
    byte[] train = IdxFiles.fashionPrefix("train-images-idx3-ubyte.gz", TRAIN);
    byte[] test = IdxFiles.fashionPrefix("t10k-images-idx3-ubyte.gz", TEST);
    write("train-images", TRAIN, train);
    write("test-images", TEST, test);
    write("train-edges", TRAIN, edges(train, TRAIN));
    write("test-edges", TEST, edges(test, TEST));
    images = DatasetSpec.idx(path("train-images"), null, path("test-images"), null);
  }

  @Test
  void pairedEdgeFilesTrainAsTheEdgesTask() throws Exception {
    RecordingListener builtIn = train(images, "edges", "edges");
    RecordingListener paired =
        train(images.withInputs(path("train-edges"), path("test-edges")), "paired", "paired");

    assertEquals(builtIn.reports.size(), paired.reports.size());
    double largest = 0;
    for (int r = 0; r < builtIn.reports.size(); r++) {
      Report expected = builtIn.reports.get(r);
      Report actual = paired.reports.get(r);
      assertEquals(expected.step(), actual.step());
      assertEquals(expected.metrics().keySet(), actual.metrics().keySet());
      for (String metric : expected.metrics().keySet()) {
        double gap = Math.abs(expected.metrics().get(metric) - actual.metrics().get(metric));
        largest = Math.max(largest, gap);
        // A byte is within 0.002 of the edge it rounds: the metrics were seen to differ by 6.4e-5
        // at most, where pairing each image with its neighbour's edges moved train/l1 by 0.002 to
        // 0.008 and train/loss_g by up to 0.011.
        assertTrue(gap < 5e-4, metric + " at step " + actual.step() + ": " + expected.metrics().get(metric) + " against " + actual.metrics().get(metric));
      }
    }
    System.out.println("largest difference of a paired trial's metric to the edges task's: " + largest);
    // the picture's input column holds the file's bytes, image by image
    BufferedImage picture = ImageIO.read(dir.resolve("paired/translation/epoch-002.png").toFile());
    byte[] edges = IdxReader.read(Path.of(path("test-edges"))).data();
    for (int image = 0; image < 8; image++) {
      int[] drawn = new int[SIDE * SIDE];
      int[] written = new int[SIDE * SIDE];
      for (int p = 0; p < SIDE * SIDE; p++) {
        // tiles of 28 zoomed twice, 2 pixels apart
        drawn[p] = picture.getRaster().getSample(2 + 2 * (p % SIDE), 2 + image * 58 + 2 * (p / SIDE), 0);
        written[p] = edges[image * SIDE * SIDE + p] & 0xff;
      }
      assertArrayEquals(written, drawn, "input of held-out image " + image);
    }
  }

  @Test
  void inputFilesThatDoNotPairAreRefusedByName() throws IOException {
    byte[] oneShort = Arrays.copyOf(edges(IdxFiles.fashionPrefix("t10k-images-idx3-ubyte.gz", TEST), TEST), (TEST - 1) * SIDE * SIDE);
    write("short-edges", TEST - 1, oneShort);
    DatasetSpec mismatched = images.withInputs(path("train-edges"), path("short-edges"));

    String message = assertThrows(IOException.class, () -> Datasets.load(mismatched, 1)).getMessage();

    assertTrue(message.contains(path("short-edges")) && message.contains(path("test-images")), message);
    assertTrue(message.contains("[63, 28, 28]") && message.contains("[64, 28, 28]"), message);
  }

  @Test
  void taskPairedNeedsInputFiles() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> train(images, "paired", "unpaired")).getMessage();

    assertTrue(message.contains("input_images"), message);
  }

  private RecordingListener train(DatasetSpec data, String task, String folder) throws Exception {
    Map<String, Object> params = new HashMap<>(SMALL);
    params.put("task", task);
    TrialSpec spec =
        new TrialSpec(
            "paired", task, "pix2pix", data, params, Budget.ofEpochs(2), 5, 4, dir.resolve(folder).toString());
    RecordingListener listener = new RecordingListener();
    assertEquals(TrialOutcome.Kind.COMPLETED, new DjlTrialRunner().run(spec, listener, () -> false).kind());
    return listener;
  }

  /** The {@code edges} task's inputs of {@code count} images, rounded to bytes. */
  private static byte[] edges(byte[] images, int count) {
    float[] pixels = new float[images.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (images[i] & 0xff) / 255f;
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] edges =
          PairedTask.EDGES
              .input(manager.create(pixels, new Shape(count, SIDE * SIDE)), SIDE, SIDE)
              .toFloatArray();
      byte[] bytes = new byte[edges.length];
      for (int i = 0; i < edges.length; i++) {
        bytes[i] = (byte) Math.round(255 * edges[i]);
      }
      return bytes;
    }
  }

  private void write(String name, int count, byte[] pixels) throws IOException {
    IdxFiles.write(dir.resolve(name), pixels, count, SIDE, SIDE);
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }
}
