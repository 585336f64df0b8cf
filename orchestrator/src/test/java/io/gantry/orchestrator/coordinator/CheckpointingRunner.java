package io.gantry.orchestrator.coordinator;

import io.gantry.protocol.trial.CheckpointFolders;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A trial runner for actor tests of population-based training that needs no DJL: each step is an
 * epoch that reports {@code val/score = x * step} and writes a checkpoint, whose state is the
 * score so far, so that a trial that goes on from another's checkpoint goes on from its score.
 * Built as wedging, it ignores a stop of the trials it names and blocks, as a worker whose process
 * is about to die does, until {@link #release()}.
 */
final class CheckpointingRunner implements TrialRunner {

  private static final String SCORE = "state.score";

  private final Set<String> wedgeOnStop;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Set<String> wedged = ConcurrentHashMap.newKeySet();

  CheckpointingRunner(Set<String> wedgeOnStop) {
    this.wedgeOnStop = Set.copyOf(wedgeOnStop);
  }

  /** Whether a stop of {@code trialId} has found it wedged. */
  boolean wedged(String trialId) {
    return wedged.contains(trialId);
  }

  void release() {
    release.countDown();
  }

  @Override
  public TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested) throws Exception {
    return train(spec, 0, 0, listener, stopRequested);
  }

  @Override
  public TrialOutcome resume(TrialSpec spec, Path checkpoint, TrialListener listener, BooleanSupplier stopRequested) throws Exception {
    var saved = CheckpointFolders.read(checkpoint);
    return train(spec, CheckpointFolders.step(saved), Double.parseDouble(saved.getProperty(SCORE)), listener, stopRequested);
  }

  private TrialOutcome train(TrialSpec spec, long from, double score, TrialListener listener, BooleanSupplier stopRequested)
      throws Exception {
    double x = ((Number) spec.params().get("x")).doubleValue();
    long last = spec.budget().steps();
    for (long step = from + 1; step <= last; step++) {
      if (stopRequested.getAsBoolean()) {
        if (wedgeOnStop.contains(spec.trialId())) {
          wedged.add(spec.trialId());
          release.await(30, TimeUnit.SECONDS);
        }
        return TrialOutcome.stopped(step - 1);
      }
      score += x;
      listener.onMetrics(step, (int) step, Map.of("val/score", score));
      listener.onArtifact(CheckpointFolders.KIND, (int) step, step, checkpoint(spec, step, score));
      Thread.sleep(20);
    }
    return TrialOutcome.completed(last);
  }

  private static Path checkpoint(TrialSpec spec, long step, double score) throws IOException {
    Path folder = CheckpointFolders.ofEpoch(Path.of(spec.artifactDir()), (int) step);
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve(CheckpointFolders.PROPERTIES),
        String.join("\n", "model=" + spec.model(), "seed=" + spec.seed(), CheckpointFolders.STEP + "=" + step,
            "position.epoch=" + (step + 1), SCORE + "=" + score) + "\n");
    return folder;
  }
}
