package io.gantry.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every recipe reports exactly the metrics {@link ModelCatalog} promises, on each kind of data. */
class CatalogMetricsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "ae, fashion-mnist",
    "dae, fashion-mnist",
    "vae, fashion-mnist",
    "aae, fashion-mnist",
    "gan, fashion-mnist",
    "dcgan, fashion-mnist",
    "cgan, fashion-mnist",
    "progan, fashion-mnist",
    "stylegan, fashion-mnist",
    "pix2pix, fashion-mnist",
    "cyclegan, fashion-mnist",
    "ae, gaussian-2d",
    "dae, gaussian-2d",
    "gan, gaussian-2d",
    "gan, mixture-1d"
  })
  void reportedMetricsMatchTheCatalog(String model, String kind) throws Exception {
    RecordingListener listener = new RecordingListener();
    DatasetSpec data = DatasetSpec.named(kind).withLimits(128, 128);
    TrialOutcome outcome =
        new DjlTrialRunner()
            .run(
                Trials.spec(model, data, Trials.small(model), Budget.ofEpochs(1), 3, dir),
                listener,
                () -> false);

    assertEquals(TrialOutcome.Kind.COMPLETED, outcome.kind());
    Set<String> reported = new TreeSet<>();
    listener.reports.forEach(r -> reported.addAll(r.metrics().keySet()));
    assertEquals(new TreeSet<>(ModelCatalog.metrics(model, kind)), reported);
    Path samples = dir.resolve("samples").resolve("epoch-001.png");
    if (DatasetSpec.isGenerated(kind)) {
      Pictures.assertPicture(samples, 480, 480);
    } else {
      Pictures.assertNonEmpty(samples);
    }
  }
}
