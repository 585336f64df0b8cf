package io.gantry.worker.train;

import ai.djl.ndarray.NDManager;
import io.gantry.worker.data.Examples;
import io.gantry.worker.model.Hyperparams;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.trial.Budget;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialOutcome;
import io.gantry.worker.trial.TrialSpec;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** The epochs and steps of one trial whose recipe and data are ready (see {@link DjlTrialRunner}). */
final class TrialLoop {

  private final TrialSpec spec;
  private final Budget budget;
  private final int batchSize;
  private final Examples train;
  private final ModelRecipe recipe;
  private final NDManager manager;
  private final EpochArtifacts artifacts;
  private final TrialListener listener;
  private final Random shuffle;
  private long step;

  TrialLoop(
      TrialSpec spec,
      Hyperparams params,
      Examples train,
      ModelRecipe recipe,
      NDManager manager,
      EpochArtifacts artifacts,
      TrialListener listener) {
    this.spec = spec;
    this.budget = spec.budget();
    this.batchSize = params.intValue("batch_size");
    this.train = train;
    this.recipe = recipe;
    this.manager = manager;
    this.artifacts = artifacts;
    this.listener = listener;
    this.shuffle = new Random(spec.seed());
  }

  TrialOutcome run(BooleanSupplier stopRequested) throws IOException {
    for (int epoch = 1; epoch <= budget.epochs() && !spent(); epoch++) {
      Optional<TrialOutcome> early = trainEpoch(epoch, stopRequested);
      if (early.isEmpty()) {
        early = endEpoch(epoch);
      }
      if (early.isPresent()) {
        return early.get();
      }
    }
    return TrialOutcome.completed(step);
  }

  /** One shuffled pass (or what the budget leaves of it); an outcome if the trial ends early. */
  private Optional<TrialOutcome> trainEpoch(int epoch, BooleanSupplier stopRequested) {
    MetricWindow window = new MetricWindow();
    int[] order = permutation(train.size());
    for (int from = 0; from < train.size() && !spent(); from += batchSize) {
      if (stopRequested.getAsBoolean()) {
        return Optional.of(TrialOutcome.stopped(step));
      }
      Map<String, Float> metrics;
      // Every array of the step lives in this manager and is freed with it (DJL-NOTES.md).
      try (NDManager stepManager = manager.newSubManager()) {
        int to = Math.min(train.size(), from + batchSize);
        metrics = recipe.trainStep(train.batch(stepManager, order, from, to));
      }
      step++;
      Optional<String> bad = nonFinite(metrics);
      if (bad.isPresent()) {
        return Optional.of(TrialOutcome.diverged(step, bad.get() + " at step " + step));
      }
      window.add(metrics);
      if (spec.reportEvery() > 0 && step % spec.reportEvery() == 0) {
        listener.onMetrics(step, epoch, window.drain());
      }
    }
    if (!window.isEmpty()) {
      listener.onMetrics(step, epoch, window.drain());
    }
    return Optional.empty();
  }

  /** Held-out metrics, samples and checkpoint; an outcome if the evaluation diverged. */
  private Optional<TrialOutcome> endEpoch(int epoch) throws IOException {
    Map<String, Double> heldOut;
    try (NDManager evalManager = manager.newSubManager()) {
      heldOut =
          GradMode.withoutGradients(
              () -> {
                artifacts.writeSamples(recipe, epoch, step, evalManager, listener);
                return recipe.evaluate(evalManager);
              });
    }
    Optional<String> bad = nonFinite(heldOut);
    if (bad.isPresent()) {
      return Optional.of(
          TrialOutcome.diverged(step, bad.get() + " in the evaluation at step " + step));
    }
    listener.onMetrics(step, epoch, heldOut);
    artifacts.writeCheckpoint(recipe, epoch, step, listener);
    return Optional.empty();
  }

  private boolean spent() {
    return budget.bySteps() && step >= budget.steps();
  }

  /** A Fisher-Yates shuffle of {@code 0..n-1}. */
  private int[] permutation(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** "name became NaN" for the first metric, by name, that is NaN or infinite. */
  private static Optional<String> nonFinite(Map<String, ? extends Number> metrics) {
    return metrics.entrySet().stream()
        .filter(e -> !Double.isFinite(e.getValue().doubleValue()))
        .map(e -> e.getKey() + " became " + e.getValue())
        .sorted()
        .findFirst();
  }
}
