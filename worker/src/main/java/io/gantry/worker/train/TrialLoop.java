package io.gantry.worker.train;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.data.Examples;
import io.gantry.worker.eval.FidMeter;
import io.gantry.worker.eval.OutlierAuroc;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.trial.TrialListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The epochs and steps of one trial whose recipe and data are ready (see {@link DjlTrialRunner}),
 * from a {@link LoopPosition}: the start, or where a checkpoint left off. Every step and every
 * evaluation reseeds the engine ({@link Seeds}) and every epoch's shuffle is derived from the seed
 * and the epoch, so the numbers after a position do not depend on how the loop got there.
 */
final class TrialLoop {

  /**
   * What the loop measures besides the recipe: FID and the sample metrics measured with it on this
   * many generated images, if at all; the outlier AUROC, when the trial left classes out and its
   * model scores images.
   */
  record Quality(Optional<FidMeter> fid, int fidSamples, Optional<OutlierAuroc> outliers) {}

  private final TrialSpec spec;
  private final Budget budget;
  private final int batchSize;
  private final Examples train;
  private final ModelRecipe recipe;
  private final NDManager manager;
  private final EpochArtifacts artifacts;
  private final TrialListener listener;
  private final Quality quality;
  private final LoopPosition start;
  private long step;

  TrialLoop(
      TrialSpec spec,
      Hyperparams params,
      Examples train,
      ModelRecipe recipe,
      NDManager manager,
      EpochArtifacts artifacts,
      TrialListener listener,
      Quality quality,
      LoopPosition start) {
    this.spec = spec;
    this.budget = spec.budget();
    this.batchSize = params.intValue("batch_size");
    this.train = train;
    this.recipe = recipe;
    this.manager = manager;
    this.artifacts = artifacts;
    this.listener = listener;
    this.quality = quality;
    this.start = start;
    this.step = start.step();
  }

  TrialOutcome run(BooleanSupplier stopRequested) throws IOException {
    try {
      for (int epoch = start.epoch(); epoch <= budget.epochs() && !spent(); epoch++) {
        int offset = epoch == start.epoch() ? start.offset() : 0;
        Optional<TrialOutcome> early = trainEpoch(epoch, offset, stopRequested);
        if (early.isEmpty()) {
          early = endEpoch(epoch);
        }
        if (early.isPresent()) {
          return early.get();
        }
      }
      return TrialOutcome.completed(step);
    } catch (EngineException e) {
      // Trials that share a GPU (gpu_fraction) can run it out of memory; that one trial fails,
      // named as such, and its worker takes the next once libtorch has freed what it held.
      if (String.valueOf(e.getMessage()).contains("CUDA out of memory")) {
        return TrialOutcome.failed(step, "out of GPU memory at step " + step + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
      throw e;
    }
  }

  /**
   * The shuffled pass from {@code offset} (or what the budget leaves of it); an outcome if the
   * trial ends early.
   */
  private Optional<TrialOutcome> trainEpoch(int epoch, int offset, BooleanSupplier stopRequested) {
    MetricWindow window = new MetricWindow();
    int[] order = permutation(train.size(), new Random(Seeds.shuffle(spec.seed(), epoch)));
    for (int from = offset; from < train.size() && !spent(); from += batchSize) {
      if (stopRequested.getAsBoolean()) {
        return Optional.of(TrialOutcome.stopped(step));
      }
      Map<String, Float> metrics;
      Seeds.beforeStep(spec.seed(), step);
      // The garbage collector does not free an array's native memory; closing the manager it
      // belongs to does. Every array of the step lives in this one, so it is all freed after the
      // step rather than piling up in the trial's manager until the trial ends.
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
        report(epoch, window);
      }
    }
    if (!window.isEmpty()) {
      report(epoch, window);
    }
    return Optional.empty();
  }

  private void report(int epoch, MetricWindow window) {
    Map<String, Double> metrics = window.drain();
    metrics.putAll(recipe.schedule());
    listener.onMetrics(step, epoch, metrics);
  }

  /** Pictures, held-out metrics and checkpoint; an outcome if the evaluation diverged. */
  private Optional<TrialOutcome> endEpoch(int epoch) throws IOException {
    Map<String, Double> heldOut;
    Seeds.beforeEvaluation(spec.seed(), step);
    try (NDManager evalManager = manager.newSubManager()) {
      heldOut = GradMode.withoutGradients(() -> measure(epoch, evalManager));
    }
    Optional<String> bad = nonFinite(heldOut);
    if (bad.isPresent()) {
      return Optional.of(
          TrialOutcome.diverged(step, bad.get() + " in the evaluation at step " + step));
    }
    listener.onMetrics(step, epoch, heldOut);
    artifacts.writeCheckpoint(recipe, epoch, new LoopPosition(epoch + 1, 0, step), listener);
    return Optional.empty();
  }

  /** Writes the pictures and returns the held-out metrics; runs with grad mode off. */
  private Map<String, Double> measure(int epoch, NDManager evalManager) throws IOException {
    artifacts.writePictures(recipe, epoch, step, evalManager, listener);
    Map<String, Double> metrics = new LinkedHashMap<>(recipe.evaluate(evalManager));
    if (quality.fid().isPresent()) {
      metrics.putAll(recipe.sampleMetrics(quality.fid().get(), quality.fidSamples(), evalManager));
    }
    if (quality.outliers().isPresent() && recipe.outlierScore().isPresent()) {
      metrics.putAll(quality.outliers().get().measure(recipe.outlierScore().get(), evalManager));
    }
    return metrics;
  }

  private boolean spent() {
    return budget.bySteps() && step >= budget.steps();
  }

  /** A Fisher-Yates shuffle of {@code 0..n-1}. */
  private static int[] permutation(int n, Random shuffle) {
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
