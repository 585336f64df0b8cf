package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.worker.train.RecordingListener.Report;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CycleGAN between Fashion-MNIST's sneakers and ankle boots, without pairs: over a few epochs the
 * round trips come closer to the images they start from, and most translations are taken by the
 * feature classifier for the other domain's class.
 */
class CycleGanTest {

  // every class but sneaker (7) and ankle boot (9) left out, so that each batch is of the domains
  private static final List<Integer> OTHER_CLASSES = List.of(0, 1, 2, 3, 4, 5, 6, 8);

  @TempDir Path dir;

  @Test
  void roundTripsTightenAndTranslationsLandInTheOtherClass() throws Exception {
    Map<String, Object> params = new HashMap<>(Trials.small("cyclegan"));
    params.put("fid_samples", 200);
    // A D of the default width, and a cycle weight of 1 rather than the paper's 10: over 128 steps
    // the cycle, which a G copying its input all but meets, would outweigh D's pull to the other
    // class (at 10, 8 epochs end at a target-class rate of 0.16).
    params.put("d_channels", 32);
    params.put("cycle_weight", 1.0);
    RecordingListener listener = new RecordingListener();
    DatasetSpec data =
        DatasetSpec.named("fashion-mnist").withLimits(1024, 400).excluding(OTHER_CLASSES);

    TrialOutcome outcome =
        new DjlTrialRunner()
            .run(Trials.spec("cyclegan", data, params, Budget.ofEpochs(4), 2, dir), listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    for (Report report : listener.reports) {
      report.metrics().forEach((name, value) -> assertTrue(Double.isFinite(value), name + " at " + report.step()));
    }
    double first = listener.value("val/cycle_l1", 1).orElseThrow();
    double last = listener.last("val/cycle_l1");
    double rate = listener.last("val/target_class_rate");
    System.out.printf(
        "cyclegan sneaker <-> ankle_boot: val/cycle_l1 %.4f (epoch 1: %.4f), val/target_class_rate %.3f,"
            + " val/fid_a %.1f, val/fid_b %.1f%n",
        last, first, rate, listener.last("val/fid_a"), listener.last("val/fid_b"));
    assertTrue(last < first, "cycle L1 " + last + " against " + first + " after the first epoch");
    assertTrue(rate > 0.5, "target-class rate " + rate);

    // four a -> b -> a rows, then four b -> a -> b, of 28x28 tiles zoomed twice
    Pictures.assertPicture(dir.resolve("cycle/epoch-004.png"), 3 * 58 + 2, 8 * 58 + 2);
  }
}
