package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.eval.FidMeter;
import io.gantry.worker.model.ImageGrid;
import io.gantry.worker.train.RecordingListener.Report;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The style-based generator trains with finite losses and varied images, draws its style-mixing
 * and truncation pictures, resumes from a checkpoint with the same numbers, and its style mixing
 * does what the paper shows: images that share their coarse styles look more alike, by the feature
 * classifier that FID uses, than images that share no style.
 */
class StyleGanTest {

  @TempDir Path dir;

  private final DjlTrialRunner runner = new DjlTrialRunner();

  private TrialSpec spec(Path artifacts) {
    Map<String, Object> params = new HashMap<>(Trials.small("stylegan"));
    params.put("channels", 16);
    return new TrialSpec(
        "sweep",
        "stylegan-5",
        "stylegan",
        DatasetSpec.named("fashion-mnist").withLimits(512, 256),
        params,
        Budget.ofEpochs(3),
        5,
        4,
        artifacts.toString());
  }

  @Test
  void trainsResumesExactlyAndItsCoarseStylesShapeTheImage() throws Exception {
    RecordingListener unbroken = new RecordingListener();
    assertEquals(TrialOutcome.completed(48), runner.run(spec(dir.resolve("a")), unbroken, () -> false));
    for (Report report : unbroken.reports) {
      report.metrics().forEach((name, value) -> assertTrue(Double.isFinite(value), name + " at " + report.step()));
    }
    // five rows of 28x28 tiles zoomed twice: a blank and the fine sources, then a coarse source and its mixes
    Pictures.assertPicture(dir.resolve("a/style_mixing/epoch-003.png"), 7 * 58 + 2, 5 * 58 + 2);
    Pictures.assertPicture(dir.resolve("a/truncation/epoch-003.png"), 8 * 58 + 2, 5 * 58 + 2);

    RecordingListener resumed = new RecordingListener();
    assertEquals(
        TrialOutcome.completed(48),
        runner.resume(spec(dir.resolve("b")), dir.resolve("a/checkpoints/epoch-001"), resumed, () -> false));
    assertEquals(unbroken.reports.stream().filter(r -> r.step() > 16).toList(), resumed.reports);

    TrialSpec spec = spec(dir.resolve("a"));
    try (RestoredRecipe restored =
        RestoredRecipe.open("stylegan", spec.params(), spec.dataset(), dir.resolve("a/checkpoints/epoch-003"), 5)) {
      NDManager manager = restored.manager();
      ImageGrid grid = GradMode.withoutGradients(() -> restored.recipe().pictures(manager).get("style_mixing"));
      int cols = grid.cols() - 1;
      float[][] features =
          GradMode.withoutGradients(
              () -> {
                NDArray mixes = mixes(grid, manager);
                float spread = mixes.sub(mixes.mean(new int[] {0}, true)).square().mean().sqrt().getFloat();
                assertTrue(spread > 0.01, "pixel spread over the mixed images " + spread);
                FidMeter meter = FidMeter.forData(spec.dataset(), restored.data().test(), manager).orElseThrow();
                NDArray rows = meter.featuresOf(mixes);
                float[][] byImage = new float[(int) rows.getShape().get(0)][];
                for (int i = 0; i < byImage.length; i++) {
                  byImage[i] = rows.get(i).toFloatArray();
                }
                return byImage;
              });
      double sameCoarse = meanDistance(features, (a, b) -> a / cols == b / cols);
      double sameFine = meanDistance(features, (a, b) -> a % cols == b % cols);
      double unrelated = meanDistance(features, (a, b) -> a / cols != b / cols && a % cols != b % cols);
      System.out.printf(
          "stylegan feature distances: sharing coarse styles %.3f, sharing fine styles %.3f, sharing none %.3f%n",
          sameCoarse, sameFine, unrelated);
      assertTrue(sameCoarse < unrelated, "coarse-sharing " + sameCoarse + " against unrelated " + unrelated);
    }
  }

  /** The grid's mixed images, row after row, less its top row and left column of sources. */
  private static NDArray mixes(ImageGrid grid, NDManager manager) {
    int tile = grid.pixels().length / (grid.rows() * grid.cols());
    int count = (grid.rows() - 1) * (grid.cols() - 1);
    float[] mixed = new float[count * tile];
    int next = 0;
    for (int r = 1; r < grid.rows(); r++) {
      for (int c = 1; c < grid.cols(); c++) {
        System.arraycopy(grid.pixels(), (r * grid.cols() + c) * tile, mixed, next * tile, tile);
        next++;
      }
    }
    return manager.create(mixed, new Shape(count, tile));
  }

  /** The mean Euclidean distance between the feature vectors of the pairs {@code related} picks. */
  private static double meanDistance(float[][] features, BiPredicate<Integer, Integer> related) {
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < features.length; a++) {
      for (int b = a + 1; b < features.length; b++) {
        if (related.test(a, b)) {
          double squared = 0;
          for (int k = 0; k < features[a].length; k++) {
            double d = features[a][k] - features[b][k];
            squared += d * d;
          }
          sum += Math.sqrt(squared);
          pairs++;
        }
      }
    }
    return sum / pairs;
  }
}
