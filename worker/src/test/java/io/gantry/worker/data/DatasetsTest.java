package io.gantry.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.DatasetSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatasetsTest {

  @Test
  void fashionMnistPrefixesAreScaledImages() throws IOException {
    TrialData data = Datasets.load(DatasetSpec.named("fashion-mnist").withLimits(300, 200), 1);
    assertEquals(300, data.train().size());
    assertEquals(200, data.test().size());
    assertTrue(data.train().isImage());
    assertArrayEquals(new int[] {28, 28}, data.train().exampleShape());
    assertEquals(784, data.train().features());
    assertTrue(data.truth().isEmpty());
    float max = 0;
    for (float v : data.train().values(0, 300)) {
      assertTrue(v >= 0 && v <= 1, "pixel " + v);
      max = Math.max(max, v);
    }
    assertEquals(1f, max);
  }

  @Test
  void idxKindReadsFilesByPath() throws IOException {
    String dir = "/usr/share/datasets/fashion-mnist/";
    DatasetSpec spec =
        new DatasetSpec(
            "idx",
            dir + "t10k-images-idx3-ubyte.gz",
            null,
            dir + "t10k-images-idx3-ubyte.gz",
            null,
            0,
            10);
    TrialData data = Datasets.load(spec, 1);
    assertEquals(10_000, data.train().size());
    assertEquals(10, data.test().size());
    assertArrayEquals(data.train().values(0, 10), data.test().values(0, 10));
  }

  @Test
  void missingFilesAndKindsAreClearErrors() {
    DatasetSpec missing =
        new DatasetSpec("idx", "/nowhere/train.gz", null, "/nowhere/t.gz", null, 0, 0);
    String message = assertThrows(IOException.class, () -> Datasets.load(missing, 1)).getMessage();
    assertTrue(message.contains(Path.of("/nowhere/train.gz").toString()), message);
    assertThrows(IllegalArgumentException.class, () -> Datasets.load(DatasetSpec.named("idx"), 1));
    assertThrows(
        IllegalArgumentException.class, () -> Datasets.load(DatasetSpec.named("cifar"), 1));
  }

  @Test
  void gaussianPointsFollowTheSeedAndTheTrueMoments() throws IOException {
    TrialData data = Datasets.load(DatasetSpec.named("gaussian-2d").withLimits(20_000, 0), 7);
    assertEquals(20_000, data.train().size());
    assertEquals(1000, data.test().size());
    assertFalse(data.train().isImage());
    Moments truth = data.truth().orElseThrow();
    assertArrayEquals(new double[] {1, 2}, truth.mean());
    assertArrayEquals(new double[] {1.01, 1.95}, truth.cov()[0], 1e-12);
    assertArrayEquals(new double[] {1.95, 4.25}, truth.cov()[1], 1e-12);
    Moments sample = Moments.of(data.train().values(0, 20_000), 2);
    assertTrue(sample.meanError(truth) < 0.05, "mean error " + sample.meanError(truth));
    assertTrue(sample.covError(truth) < 0.15, "cov error " + sample.covError(truth));

    TrialData again = Datasets.load(DatasetSpec.named("gaussian-2d"), 7);
    assertArrayEquals(data.train().values(0, 1000), again.train().values(0, 1000));
    assertArrayEquals(data.test().values(0, 1000), again.test().values(0, 1000));
    TrialData other = Datasets.load(DatasetSpec.named("gaussian-2d"), 8);
    assertNotEquals(data.train().values(0, 1)[0], other.train().values(0, 1)[0]);
  }
}
