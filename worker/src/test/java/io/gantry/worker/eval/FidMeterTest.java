package io.gantry.worker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.Examples;
import io.gantry.worker.data.TrialData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FID with Gantry's own feature extractor separates real from fake: held-out Fashion-MNIST against
 * training images is near 0 and far below either against noise. The extractor is the quick one of
 * the test build (see worker/pom.xml); it must still classify well above chance.
 */
class FidMeterTest {

  private static final int N = 2000;

  @Test
  void realImagesAreNearZeroAndFarBelowNoise() throws Exception {
    DatasetSpec spec = DatasetSpec.named("fashion-mnist").withLimits(N, N);
    TrialData data = Datasets.load(spec, 1);
    try (NDManager manager = NDManager.newBaseManager()) {
      FidMeter meter = FidMeter.forData(spec, data.test(), manager).orElseThrow();
      assertTrue(meter.classifierAccuracy() > 0.75, meter.describe());

      Examples noise = noise(N, data.test().features());
      double realVsReal = fid(meter, data.test(), data.train(), manager);
      double realVsNoise = fid(meter, data.test(), noise, manager);
      double reversed = fid(meter, data.train(), data.test(), manager);

      assertTrue(realVsReal < 2, "FID(test, train) " + realVsReal);
      assertTrue(
          realVsNoise > 50 * realVsReal, "FID(test, noise) " + realVsNoise + " vs " + realVsReal);
      assertEquals(realVsReal, reversed, 1e-6 * realVsNoise);
      assertEquals(0, fid(meter, data.test(), data.test(), manager), 1e-6 * realVsNoise);
    }
  }

  private static double fid(FidMeter meter, Examples a, Examples b, NDManager manager) {
    return meter.compare(a, b, manager).get("val/fid");
  }

  /** Images of independent uniform pixels, as the features of {@code count} examples. */
  private static Examples noise(int count, int features) {
    Random random = new Random(9);
    float[] values = new float[count * features];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat();
    }
    return Examples.ofPoints(values, features);
  }
}
