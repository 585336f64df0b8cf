package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trials that leave ankle boots (class 9) out report {@code val/outlier_auroc} at the end of an
 * epoch, exactly when the catalog says their model scores images.
 */
class OutlierTrialsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ae", "vae", "aae", "dcgan", "cgan"})
  void leftOutClassesAreScoredAsOutliersByTheModelsThatScoreImages(String model) throws Exception {
    DatasetSpec data = DatasetSpec.named("fashion-mnist").withLimits(128, 100).excluding(List.of(9));
    Map<String, Object> params = new HashMap<>(Trials.small(model));
    // FID's classifier is not what this test is about
    params.computeIfPresent("fid_samples", (name, value) -> 0);
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome =
        new DjlTrialRunner().run(Trials.spec(model, data, params, Budget.ofEpochs(1), 5, dir), listener, () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    Optional<Double> auroc = listener.value(ModelCatalog.OUTLIER_AUROC, 1);
    assertEquals(ModelCatalog.scoresImages(model), auroc.isPresent(), model);
    auroc.ifPresent(value -> assertTrue(value >= 0 && value <= 1, model + ": " + value));
    assertEquals(
        ModelCatalog.scoresImages(model), ModelCatalog.metrics(model, data).contains(ModelCatalog.OUTLIER_AUROC));
  }
}
