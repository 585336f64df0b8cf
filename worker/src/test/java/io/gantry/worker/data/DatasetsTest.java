package io.gantry.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.idx.IdxFile;
import io.gantry.protocol.idx.IdxReader;
import io.gantry.protocol.trial.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        DatasetSpec.idx(dir + "t10k-images-idx3-ubyte.gz", null, dir + "t10k-images-idx3-ubyte.gz", null)
            .withLimits(0, 10);
    TrialData data = Datasets.load(spec, 1);
    assertEquals(10_000, data.train().size());
    assertEquals(10, data.test().size());
    assertArrayEquals(data.train().values(0, 10), data.test().values(0, 10));
  }

  @Test
  void missingFilesAndKindsAreClearErrors() {
    DatasetSpec missing =
        DatasetSpec.idx("/nowhere/train.gz", null, "/nowhere/t.gz", null);
    String message = assertThrows(IOException.class, () -> Datasets.load(missing, 1)).getMessage();
    assertTrue(message.contains(Path.of("/nowhere/train.gz").toString()), message);
    assertThrows(IllegalArgumentException.class, () -> Datasets.load(DatasetSpec.named("idx"), 1));
    assertThrows(
        IllegalArgumentException.class, () -> Datasets.load(DatasetSpec.named("cifar"), 1));
  }

  @Test
  void excludedClassesLeaveBothSplitsAndTheirTestImagesAreTheOutliers() throws IOException {
    DatasetSpec spec = DatasetSpec.named("fashion-mnist").withLimits(2000, 300).excluding(List.of(9, 0));
    TrialData data = Datasets.load(spec, 1);
    TrialData whole = Datasets.load(DatasetSpec.named("fashion-mnist").withLimits(0, 0), 1);
    assertEquals(2000, data.train().size());
    assertEquals(300, data.test().size());
    Examples outliers = data.outliers().orElseThrow();
    assertEquals(300, outliers.size());
    assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), classes(data.train()));
    assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), classes(data.test()));
    assertEquals(Set.of(0, 9), classes(outliers));
    // the first images of the kept classes, in file order
    int first = 0;
    while (Set.of(0, 9).contains(whole.train().label(first))) {
      first++;
    }
    assertArrayEquals(whole.train().values(first, first + 1), data.train().values(0, 1));
    assertTrue(Datasets.load(DatasetSpec.named("fashion-mnist").withLimits(10, 10), 1).outliers().isEmpty());
  }

  @Test
  void classesCannotBeLeftOutOfUnlabelledImages() {
    String images = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
    DatasetSpec unlabelled = DatasetSpec.idx(images, null, images, null).withLimits(10, 10).excluding(List.of(1));
    String message = assertThrows(IllegalArgumentException.class, () -> Datasets.load(unlabelled, 1)).getMessage();
    assertTrue(message.contains("label files"), message);
  }

  @Test
  void aLabelFileIsNotAnImageSet(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("labels.idx");
    Files.write(file, new byte[] {0, 0, 0x08, 1, 0, 0, 0, 2, 7, 9});
    IdxFile labels = IdxReader.read(file);
    String message = assertThrows(IOException.class, () -> Examples.ofImages(labels, 0)).getMessage();
    assertTrue(message.contains("labels.idx") && message.contains("[count, rows, cols]"), message);
  }

  private static Set<Integer> classes(Examples examples) {
    Set<Integer> classes = new TreeSet<>();
    for (int i = 0; i < examples.size(); i++) {
      classes.add(examples.label(i));
    }
    return classes;
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
