package io.gantry.worker.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One trainable network: a DJL block in its own {@link Model} (whose manager holds the parameters)
 * with its own {@link NamedAdam}, so that a recipe with several networks (encoder and decoder,
 * generator and discriminator) can step and freeze each one on its own, and a checkpoint can save
 * and restore both its weights and its optimizer state. No DJL {@code Trainer}: its Adam cannot be
 * saved, and its parameter store would keep serving the old arrays after a load.
 */
public final class Network implements AutoCloseable {

  /** Adam's usual defaults; the GANs expose beta1 (and ProGAN beta2) as parameters. */
  public static final double DEFAULT_BETA1 = 0.9;

  public static final double DEFAULT_BETA2 = 0.999;

  // DJL's unfreeze marks every array it is given as requiring a gradient, whatever it was made
  // with. BatchNorm's running statistics are made without one: once marked, the next training
  // forward, which updates them in place, fails. So they are left out of freezing and unfreezing.
  private static final Predicate<Parameter> TRAINABLE =
      p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;

  /**
   * The weights, which a network and the second optimizer over them ({@link #withOwnAdam}) share,
   * and the store that serves them to forward passes, replaced when a load replaces the arrays.
   */
  private static final class Weights {
    final Model model;
    ParameterStore store;

    Weights(Model model) {
      this.model = model;
      this.store = new ParameterStore(model.getNDManager(), false);
    }
  }

  private final Weights weights;
  private final Model model;
  private final NamedAdam adam;
  private final boolean ownsWeights;

  private Network(Weights weights, NamedAdam adam, boolean ownsWeights) {
    this.weights = weights;
    this.model = weights.model;
    this.adam = adam;
    this.ownsWeights = ownsWeights;
  }

  /** Builds {@code block} for inputs of shape {@code (1, inputs...)} and initialises it. */
  public static Network create(
      String name, Block block, Shape input, double lr, double beta1, double beta2) {
    Model model = Model.newInstance(name);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, input);
    return new Network(new Weights(model), new NamedAdam(lr, beta1, beta2, model.getNDManager()), true);
  }

  /**
   * This network's weights under an Adam of their own, for a recipe that steps them against two
   * losses whose gradients differ in scale (the adversarial autoencoder's encoder: reconstruction,
   * and fooling the code discriminator), as separate optimizers in the authors' code do. A
   * checkpoint saves it like any network: the same weights again, and its own Adam state.
   */
  Network withOwnAdam(double lr, double beta1) {
    return new Network(weights, new NamedAdam(lr, beta1, DEFAULT_BETA2, model.getNDManager()), false);
  }

  /** {@link #create} for flat inputs of {@code inputs} features and Adam's default beta2. */
  static Network create(String name, Block block, int inputs, double lr, double beta1) {
    return create(name, block, new Shape(1, inputs), lr, beta1, DEFAULT_BETA2);
  }

  /**
   * Linear layers of the given output widths with {@code activation} between them (not after the
   * last one). Widths of 0 are skipped, which makes a hidden layer optional.
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
  public NDArray forward(NDArray input) {
    return block().forward(weights.store, new NDList(input), true).singletonOrThrow();
  }

  /** Forward pass in inference mode. */
  public NDArray evaluate(NDArray input) {
    return block().forward(weights.store, new NDList(input), false).singletonOrThrow();
  }

  /** Opens the JVM's one gradient collector (it records every network's forward passes). */
  public static GradientCollector collectGradients() {
    return Engine.getInstance().newGradientCollector();
  }

  /** Applies Adam to this network's parameters and zeroes their gradients. */
  public void step() {
    adam.step(block());
  }

  /** Starts the optimizer afresh, as ProGAN does when the networks grow. */
  void resetOptimizer() {
    adam.reset();
  }

  /** Stops (or restarts) gradients flowing into this network's parameters. */
  void freeze(boolean frozen) {
    block().freezeParameters(frozen, TRAINABLE);
  }

  /** Initialises a block added to this network after creation, in the network's manager. */
  void initialize(Block added, Shape input) {
    added.initialize(model.getNDManager(), DataType.FLOAT32, input);
  }

  /** Writes the weights, BatchNorm statistics included, as {@link Block#saveParameters}. */
  public void saveParameters(DataOutputStream out) throws IOException {
    block().saveParameters(out);
  }

  /** Reads back what {@link #saveParameters} wrote, into a network of the same structure. */
  public void loadParameters(DataInputStream in) throws IOException {
    try {
      block().loadParameters(model.getNDManager(), in);
    } catch (MalformedModelException e) {
      throw new IOException("saved parameters do not fit network '" + model.getName() + "'", e);
    }
    // A loaded array is a new one, and DJL does not mark it as taking gradients.
    for (Parameter parameter : block().getParameters().values()) {
      if (parameter.requiresGradient()) {
        parameter.getArray().setRequiresGradient(true);
      }
    }
    // The store caches parameter arrays and would keep serving the replaced ones.
    weights.store = new ParameterStore(model.getNDManager(), false);
  }

  /** Writes Adam's step count and moments, keyed by parameter name. */
  public void saveOptimizer(DataOutputStream out) throws IOException {
    adam.save(out);
  }

  /** Reads back what {@link #saveOptimizer} wrote. */
  public void loadOptimizer(DataInputStream in) throws IOException {
    adam.load(in);
  }

  /** The network's block. */
  Block block() {
    return model.getBlock();
  }

  @Override
  public void close() {
    adam.reset();
    if (ownsWeights) {
      model.close();
    }
  }
}
