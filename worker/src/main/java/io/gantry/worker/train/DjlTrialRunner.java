package io.gantry.worker.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.eval.FidMeter;
import io.gantry.worker.eval.OutlierAuroc;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs one trial with DJL on the calling thread, from its start ({@link #run}) or from one of its
 * checkpoints ({@link #resume}). Initialisation is seeded from the trial's seed, and every step,
 * evaluation and epoch shuffle from the seed and the position ({@link Seeds}), so the same seed
 * with the same thread count gives the same numbers, resumed or not, provided every trial of a
 * process runs on one thread: libtorch's results differ in the last bits between the thread that
 * first used it and others (the worker keeps one trial thread for that reason). Per epoch: a shuffled pass
 * over the training set in batches (the last one may be short), averaged training metrics every
 * {@code reportEvery} steps and at the end of the epoch, then pictures, held-out metrics (FID among
 * them for the kinds that generate images, the outlier AUROC when classes are left out) and a
 * checkpoint. A step is one batch, i.e. one call of
 * {@link ModelRecipe#trainStep}; the budget counts those.
 *
 * <p>DJL allows one gradient collector per JVM, so at most one trial may run in a process at a
 * time.
 */
public final class DjlTrialRunner implements TrialRunner {

  /** A runner with no state of its own; datasets and FID meters are cached per process. */
  public DjlTrialRunner() {}

  /**
   * Runs {@code spec} to its budget. Returns {@link TrialOutcome#diverged} as soon as a metric is
   * NaN or infinite, and {@link TrialOutcome#stopped} when {@code stopRequested} turns true (it is
   * polled before every step). Throws for a spec that cannot run (unknown model or parameter, a
   * model that does not take the dataset, unreadable data) and for an I/O error while writing
   * artifacts.
   */
  @Override
  public TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested)
      throws Exception {
    return start(spec, Optional.empty(), listener, stopRequested);
  }

  /**
   * Goes on with {@code spec} from {@code checkpoint}, a folder its earlier run wrote ({@link
   * io.gantry.protocol.trial.CheckpointFolders#latest} finds the newest), to the end of its
   * budget, as {@link #run} would have: the same reports, pictures and checkpoints from there on,
   * with the same numbers. Throws if the checkpoint is of another model or seed.
   */
  @Override
  public TrialOutcome resume(
      TrialSpec spec, Path checkpoint, TrialListener listener, BooleanSupplier stopRequested)
      throws Exception {
    Checkpoint saved = Checkpoint.read(checkpoint);
    for (var expected :
        Map.of("model", spec.model(), "seed", Long.toString(spec.seed())).entrySet()) {
      String found = saved.property(expected.getKey()).orElse("?");
      if (!found.equals(expected.getValue())) {
        throw new IllegalArgumentException(
            "checkpoint "
                + checkpoint
                + " has "
                + expected.getKey()
                + " "
                + found
                + ", the trial "
                + expected.getValue());
      }
    }
    return start(spec, Optional.of(saved), listener, stopRequested);
  }

  private TrialOutcome start(
      TrialSpec spec,
      Optional<Checkpoint> checkpoint,
      TrialListener listener,
      BooleanSupplier stopRequested)
      throws IOException {
    if (!ModelCatalog.supports(spec.model(), spec.dataset().kind())) {
      throw new IllegalArgumentException(
          "model '" + spec.model() + "' cannot train on dataset '" + spec.dataset().kind() + "'");
    }
    Hyperparams params =
        Hyperparams.resolve(spec.model(), spec.params() == null ? Map.of() : spec.params());
    TrialData data = Datasets.load(spec.dataset(), spec.seed());
    try (NDManager manager = NDManager.newBaseManager()) {
      // Before seeding: a first use trains FID's feature extractor, which draws random numbers.
      TrialLoop.Quality quality = quality(spec, params, data, manager);
      // Seeded before the recipe exists: parameter initialisation draws from this generator.
      Engine.getInstance().setRandomSeed(Long.hashCode(spec.seed()));
      try (ModelRecipe recipe = ModelRecipe.create(spec.model(), params, data)) {
        LoopPosition position = LoopPosition.START;
        if (checkpoint.isPresent()) {
          checkpoint.get().restore(recipe);
          position = checkpoint.get().position();
        }
        EpochArtifacts artifacts =
            new EpochArtifacts(spec, params, data.test(), quality.fid().map(FidMeter::describe));
        return new TrialLoop(
                spec, params, data.train(), recipe, manager, artifacts, listener, quality, position)
            .run(stopRequested);
      }
    }
  }

  private static TrialLoop.Quality quality(
      TrialSpec spec, Hyperparams params, TrialData data, NDManager manager) throws IOException {
    Optional<OutlierAuroc> outliers = data.outliers().map(o -> new OutlierAuroc(data.test(), o));
    // only the kinds that report val/fid have fid_samples; 0 also spares training the feature
    // classifier, which takes minutes on first use
    if (!ModelCatalog.reportsFid(spec.model(), spec.dataset().kind()) || params.intValue("fid_samples") == 0) {
      return new TrialLoop.Quality(Optional.empty(), 0, outliers);
    }
    int fidSamples = params.intValue("fid_samples");
    Optional<FidMeter> fid =
        GradMode.withoutGradients(() -> FidMeter.forData(spec.dataset(), data.test(), manager));
    if (fid.isEmpty()) {
      throw new IllegalArgumentException(
          "model '"
              + spec.model()
              + "' reports val/fid, which needs labelled images to train its"
              + " feature extractor; dataset "
              + spec.dataset()
              + " has no labels");
    }
    return new TrialLoop.Quality(fid, fidSamples, outliers);
  }
}
