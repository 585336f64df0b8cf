package io.gantry.worker.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One trainable network: a DJL {@link Model} with its own {@link Trainer} and Adam, so that a
 * recipe with several networks (encoder and decoder, generator and discriminator) can step and
 * freeze each one on its own.
 */
final class Network implements AutoCloseable {

  /** Adam's usual default; only the GAN exposes beta1 as a parameter. */
  static final double DEFAULT_BETA1 = 0.9;

  // Freezing BatchNorm's running statistics would make them require gradients on unfreeze
  // and break the next forward (DJL-NOTES.md), so they are left out of both directions.
  private static final Predicate<Parameter> TRAINABLE =
      p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;

  private final Model model;
  private final Trainer trainer;

  private Network(Model model, Trainer trainer) {
    this.model = model;
    this.trainer = trainer;
  }

  /** Builds {@code block} for inputs of {@code inputs} features and initialises it. */
  static Network create(String name, Block block, int inputs, double lr, double beta1) {
    Model model = Model.newInstance(name);
    model.setBlock(block);
    Adam adam =
        Adam.builder()
            .optLearningRateTracker(Tracker.fixed((float) lr))
            .optBeta1((float) beta1)
            .build();
    // Recipes compute their own losses; DJL's config insists on one, and it is never called.
    Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam));
    trainer.initialize(new Shape(1, inputs));
    return new Network(model, trainer);
  }

  /**
   * Linear layers of the given output widths with {@code activation} between them (not after
   * the last one). Widths of 0 are skipped, which makes a hidden layer optional.
   */
  static SequentialBlock mlp(Function<NDArray, NDArray> activation, int... widths) {
    SequentialBlock block = new SequentialBlock();
    int last = widths.length - 1;
    for (int i = 0; i <= last; i++) {
      if (widths[i] > 0) {
        block.add(Linear.builder().setUnits(widths[i]).build());
        if (i < last) {
          block.addSingleton(activation);
        }
      }
    }
    return block;
  }

  /** Forward pass in training mode, recorded by an open gradient collector. */
  NDArray forward(NDArray input) {
    return trainer.forward(new NDList(input)).singletonOrThrow();
  }

  /** Forward pass in inference mode. */
  NDArray evaluate(NDArray input) {
    return trainer.evaluate(new NDList(input)).singletonOrThrow();
  }

  /** Opens the JVM's one gradient collector (it records every network's forward passes). */
  GradientCollector collectGradients() {
    return trainer.newGradientCollector();
  }

  /** Applies Adam to this network's parameters and zeroes their gradients. */
  void step() {
    trainer.step();
  }

  /** Stops (or restarts) gradients flowing into this network's parameters. */
  void freeze(boolean frozen) {
    model.getBlock().freezeParameters(frozen, TRAINABLE);
  }

  /** The network's block, whose parameters a checkpoint saves. */
  Block block() {
    return model.getBlock();
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
