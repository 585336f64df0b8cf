package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.tracking.TrackingLinks;
import io.gantry.orchestrator.view.NoisySweep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry show} on a sweep by FID, from a real store: each trial's FID with its standard
 * error, and which trials the best cannot be told apart from.
 */
class SweepReportNoiseTest {

  @TempDir Path dataDir;

  @Test
  void theLeaderboardAndTheJsonSayWhichTrialsAreWithinNoiseOfTheBest() {
    try (H2RunStore store = H2RunStore.open(dataDir)) {
      SweepReport report = SweepReport.of(store, NoisySweep.write(store));
      String board = report.leaderboard();
      assertTrue(board.contains("vs best"), board);
      assertTrue(line(board, "t002").contains("best"), board);
      assertTrue(line(board, "t001").contains("within noise"), "20 ± 1 against 18 ± 0.8:\n" + board);
      assertFalse(line(board, "t003").contains("within noise"), board);

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> trials = (List<Map<String, Object>>) report.fullJson(store, TrackingLinks.NONE).get("trials");
      assertEquals(1.0, trials.get(0).get("objective_noise"));
      assertEquals(true, trials.get(0).get("within_noise_of_best"));
      assertEquals(false, trials.get(2).get("within_noise_of_best"));
    }
  }

  private static String line(String text, String trial) {
    return text.lines().filter(l -> l.contains(trial)).findFirst().orElseThrow();
  }
}
