package io.gantry.worker.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.TrialData;
import io.gantry.worker.model.Hyperparams;
import io.gantry.worker.model.ModelCatalog;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialOutcome;
import io.gantry.worker.trial.TrialRunner;
import io.gantry.worker.trial.TrialSpec;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one trial with DJL on the calling thread. The engine's generator and the shuffle are
 * seeded from the trial's seed, so the same seed with the same thread count gives the same
 * numbers. Per epoch: a shuffled pass over the training set in batches (the last one may be
 * short), averaged training metrics every {@code reportEvery} steps and at the end of the epoch,
 * then held-out metrics, a sample picture and a checkpoint. A step is one batch, i.e. one call
 * of {@link ModelRecipe#trainStep}; the budget counts those.
 *
 * <p>DJL allows one gradient collector per JVM, so at most one trial may run in a process at a
 * time.
 */
public final class DjlTrialRunner implements TrialRunner {

  /** A runner with no state of its own; datasets are cached per process by {@link Datasets}. */
  public DjlTrialRunner() {}

  /**
   * Runs {@code spec} to its budget. Returns {@link TrialOutcome#diverged} as soon as a metric
   * is NaN or infinite, and {@link TrialOutcome#stopped} when {@code stopRequested} turns true
   * (it is polled before every step). Throws for a spec that cannot run (unknown model or
   * parameter, a model that does not take the dataset, unreadable data) and for an I/O error
   * while writing artifacts.
   */
  @Override
  public TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested)
      throws Exception {
    if (!ModelCatalog.supports(spec.model(), spec.dataset().kind())) {
      throw new IllegalArgumentException(
          "model '" + spec.model() + "' cannot train on dataset '" + spec.dataset().kind() + "'");
    }
    Hyperparams params =
        Hyperparams.resolve(spec.model(), spec.params() == null ? Map.of() : spec.params());
    TrialData data = Datasets.load(spec.dataset(), spec.seed());
    // Seeded before the recipe exists: parameter initialisation draws from this generator.
    Engine.getInstance().setRandomSeed(Long.hashCode(spec.seed()));
    try (NDManager manager = NDManager.newBaseManager();
        ModelRecipe recipe = ModelRecipe.create(spec.model(), params, data)) {
      EpochArtifacts artifacts = new EpochArtifacts(spec, params, data.test());
      return new TrialLoop(spec, params, data.train(), recipe, manager, artifacts, listener)
          .run(stopRequested);
    }
  }
}
