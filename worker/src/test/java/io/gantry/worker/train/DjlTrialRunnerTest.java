package io.gantry.worker.train;

import io.gantry.protocol.trial.CheckpointFolders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.RecordingListener.Report;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlTrialRunnerTest {

  @TempDir Path dir;

  private final DjlTrialRunner runner = new DjlTrialRunner();

  @Test
  void theSameSeedGivesTheSameNumbers() throws Exception {
    List<Report> first =
        run(Trials.fashion("gan", Trials.small("gan"), Budget.ofEpochs(2), 11, dir.resolve("a")));
    List<Report> second =
        run(Trials.fashion("gan", Trials.small("gan"), Budget.ofEpochs(2), 11, dir.resolve("b")));
    List<Report> otherSeed =
        run(Trials.fashion("gan", Trials.small("gan"), Budget.ofEpochs(2), 12, dir.resolve("c")));
    assertEquals(first, second);
    assertEquals(first.size(), otherSeed.size());
    assertNotEquals(first, otherSeed);
  }

  @Test
  void reportsEveryFewStepsAndAtEpochEnds() throws Exception {
    RecordingListener listener = new RecordingListener();
    TrialSpec spec = Trials.fashion("ae", Trials.small("ae"), Budget.ofSteps(10), 1, dir);

    TrialOutcome outcome = runner.run(spec, listener, () -> false);

    assertEquals(TrialOutcome.completed(10), outcome);
    // 4 steps an epoch, a report every 3 steps, a flush and the held-out metrics at each epoch end
    List<String> seen =
        listener.reports.stream()
            .map(r -> r.epoch() + "@" + r.step() + (r.metrics().containsKey("val/mse") ? "v" : "t"))
            .toList();
    assertEquals(
        List.of("1@3t", "1@4t", "1@4v", "2@6t", "2@8t", "2@8v", "3@9t", "3@10t", "3@10v"), seen);
  }

  @Test
  void writesSampleGridsAndCheckpointsEachEpoch() throws Exception {
    RecordingListener listener = new RecordingListener();
    runner.run(
        Trials.fashion("vae", Trials.small("vae"), Budget.ofEpochs(2), 1, dir),
        listener,
        () -> false);

    for (int epoch = 1; epoch <= 2; epoch++) {
      String name = String.format("epoch-%03d", epoch);
      Path png = dir.resolve("samples").resolve(name + ".png");
      Path checkpoint = dir.resolve("checkpoints").resolve(name);
      Pictures.assertPicture(png, 8 * (28 * 2 + 2) + 2, 8 * (28 * 2 + 2) + 2);
      Pictures.assertNonEmpty(checkpoint.resolve("encoder.params"));
      Pictures.assertNonEmpty(checkpoint.resolve("decoder.params"));
      assertTrue(
          java.nio.file.Files.readString(checkpoint.resolve("trial.properties"))
              .contains("seed=1"));
      assertTrue(
          listener.artifacts.contains(
              new RecordingListener.Artifact("samples", epoch, 4L * epoch, png)));
      assertTrue(
          listener.artifacts.contains(
              new RecordingListener.Artifact("checkpoint", epoch, 4L * epoch, checkpoint)));
    }
  }

  @Test
  void aResumedTrialGoesOnWithTheSameNumbers() throws Exception {
    // k = 2: the generator steps every other batch, a beat the checkpoint must keep
    Map<String, Object> params = new HashMap<>(Trials.small("gan"));
    params.put("k_disc_steps", 2);
    List<Report> unbroken =
        run(Trials.fashion("gan", params, Budget.ofEpochs(3), 4, dir.resolve("a")));
    Path checkpoint = dir.resolve("a/checkpoints/epoch-001");
    RecordingListener resumed = new RecordingListener();

    TrialOutcome outcome =
        runner.resume(
            Trials.fashion("gan", params, Budget.ofEpochs(3), 4, dir.resolve("b")),
            checkpoint,
            resumed,
            () -> false);

    assertEquals(TrialOutcome.completed(12), outcome);
    assertEquals(unbroken.stream().filter(r -> r.step() > 4).toList(), resumed.reports);
    assertEquals(
        Path.of("epoch-003"), CheckpointFolders.latest(dir.resolve("b")).orElseThrow().getFileName());
    TrialSpec otherSeed = Trials.fashion("gan", params, Budget.ofEpochs(3), 5, dir.resolve("c"));
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> runner.resume(otherSeed, checkpoint, new RecordingListener(), () -> false))
            .getMessage();
    assertTrue(message.contains("seed"), message);
  }

  @Test
  void anUnstableOptimizerEndsDivergedAtTheStep() throws Exception {
    // Within the catalog's bounds: with beta2 0, Adam divides the averaged gradient by the last
    // one alone, and its steps explode wherever that is small (beta1 > sqrt(beta2), Reddi et al.)
    Map<String, Object> params = new HashMap<>(Trials.small("progan"));
    params.put("lr_g", 1.0);
    params.put("lr_d", 1.0);
    params.put("beta1", 0.99);
    params.put("beta2", 0.0);
    RecordingListener listener = new RecordingListener();

    TrialOutcome outcome =
        runner.run(
            Trials.fashion("progan", params, Budget.ofEpochs(5), 1, dir), listener, () -> false);

    assertEquals(TrialOutcome.Kind.DIVERGED, outcome.kind());
    Matcher m =
        Pattern.compile("train/\\w+ became (NaN|Infinity|-Infinity) at step (\\d+)")
            .matcher(outcome.reason());
    assertTrue(m.matches(), outcome.reason());
    assertEquals(outcome.lastStep(), Long.parseLong(m.group(2)));
    assertTrue(listener.reports.stream().allMatch(r -> r.step() < outcome.lastStep()));
  }

  @Test
  void aStopRequestEndsTheTrialBeforeTheNextStep() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    TrialOutcome outcome =
        runner.run(
            Trials.fashion("gan", Trials.small("gan"), Budget.ofEpochs(100), 1, dir),
            new RecordingListener(),
            () -> polls.incrementAndGet() > 6);
    assertEquals(TrialOutcome.stopped(6), outcome);
  }

  @Test
  void specsThatCannotRunFailBeforeTraining() {
    TrialSpec unknownParameter =
        Trials.fashion("ae", Map.of("lr_g", 0.1), Budget.ofEpochs(1), 1, dir);
    assertThrows(
        IllegalArgumentException.class,
        () -> runner.run(unknownParameter, new RecordingListener(), () -> false));
    TrialSpec vaeOnPoints =
        Trials.spec("vae", DatasetSpec.named("gaussian-2d"), Map.of(), Budget.ofEpochs(1), 1, dir);
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> runner.run(vaeOnPoints, new RecordingListener(), () -> false))
            .getMessage();
    assertTrue(message.contains("'vae'") && message.contains("'gaussian-2d'"), message);
  }

  private List<Report> run(TrialSpec spec) throws Exception {
    RecordingListener listener = new RecordingListener();
    assertEquals(TrialOutcome.Kind.COMPLETED, runner.run(spec, listener, () -> false).kind());
    return listener.reports;
  }
}
