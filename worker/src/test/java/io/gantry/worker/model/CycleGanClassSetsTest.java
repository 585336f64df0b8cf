package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.train.RecordingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CycleGAN between domains of several classes: sneakers and sandals as domain A trains exactly as
 * domain A of one class does on the same images with every sandal labelled a sneaker, and domains
 * that share a class are refused.
 */
class CycleGanClassSetsTest {

  private static final int SNEAKER = 7;
  private static final int SANDAL = 5;
  private static final int TRAIN = 2000;
  private static final int TEST = 600;
  // all but sandal, sneaker and ankle boot, so that every batch is of the two domains
  private static final List<Integer> OTHERS = List.of(0, 1, 2, 3, 4, 6, 8);

  @TempDir Path dir;

  private DatasetSpec labelled;
  private DatasetSpec sandalsAsSneakers;

  @BeforeEach
  void writeTheSets() throws IOException {
    IdxFiles.write(dir.resolve("train-images"), IdxFiles.fashionPrefix("train-images-idx3-ubyte.gz", TRAIN), TRAIN, 28, 28);
    IdxFiles.write(dir.resolve("test-images"), IdxFiles.fashionPrefix("t10k-images-idx3-ubyte.gz", TEST), TEST, 28, 28);
    byte[] trainLabels = IdxFiles.fashionPrefix("train-labels-idx1-ubyte.gz", TRAIN);
    byte[] testLabels = IdxFiles.fashionPrefix("t10k-labels-idx1-ubyte.gz", TEST);
    IdxFiles.write(dir.resolve("train-labels"), trainLabels, TRAIN);
    IdxFiles.write(dir.resolve("test-labels"), testLabels, TEST);
    IdxFiles.write(dir.resolve("train-merged"), sandalsAsSneakers(trainLabels), TRAIN);
    IdxFiles.write(dir.resolve("test-merged"), sandalsAsSneakers(testLabels), TEST);
    labelled = set("train-labels", "test-labels");
    sandalsAsSneakers = set("train-merged", "test-merged");
  }

  @Test
  void aDomainOfTwoClassesTrainsAsOneClassOfTheirImages() throws Exception {
    RecordingListener twoClasses = train(labelled, "sneaker+sandal", "ankle_boot");
    RecordingListener oneClass = train(sandalsAsSneakers, "sneaker", "ankle_boot");

    assertFalse(twoClasses.reports.isEmpty());
    assertTrue(twoClasses.reports.stream().anyMatch(r -> r.metrics().containsKey("train/cycle_l1")), "batches trained");
    assertEquals(oneClass.reports, twoClasses.reports);
  }

  @Test
  void domainsThatShareAClassAreRefused() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> train(labelled, "sneaker+sandal", "sandal+ankle_boot"))
            .getMessage();

    assertTrue(message.contains("share sandal"), message);
  }

  private RecordingListener train(DatasetSpec data, String domainA, String domainB) throws Exception {
    Map<String, Object> params =
        Map.of(
            "domain_a", domainA,
            "domain_b", domainB,
            "g_channels", 8,
            "d_channels", 8,
            "batch_size", 32,
            "fid_samples", 0);
    TrialSpec spec =
        new TrialSpec("sets", domainA, "cyclegan", data, params, Budget.ofEpochs(1), 3, 4, dir.resolve(domainA).toString());
    RecordingListener listener = new RecordingListener();
    assertEquals(TrialOutcome.Kind.COMPLETED, new DjlTrialRunner().run(spec, listener, () -> false).kind());
    return listener;
  }

  private DatasetSpec set(String trainLabels, String testLabels) {
    return DatasetSpec.idx(
            dir.resolve("train-images").toString(),
            dir.resolve(trainLabels).toString(),
            dir.resolve("test-images").toString(),
            dir.resolve(testLabels).toString())
        .withLimits(512, 128)
        .excluding(OTHERS);
  }

  private static byte[] sandalsAsSneakers(byte[] labels) {
    byte[] merged = labels.clone();
    for (int i = 0; i < merged.length; i++) {
      if (merged[i] == SANDAL) {
        merged[i] = SNEAKER;
      }
    }
    return merged;
  }
}
