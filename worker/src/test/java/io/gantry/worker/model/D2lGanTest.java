package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.gantry.protocol.catalog.Hyperparams;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.TrialData;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code experiments/gaussian-2d-gan.yaml} builds d2l's networks exactly: G = Linear(2, 2), D =
 * Linear(2, 5), tanh, Linear(5, 3), tanh, Linear(3, 1), every weight and bias drawn from N(0,
 * 0.02). Tests run in worker/.
 */
class D2lGanTest {

  private static final Path SWEEP_FILE = Path.of("..", "experiments", "gaussian-2d-gan.yaml");

  @Test
  void sweepFileBuildsTheBooksNetworks() throws IOException {
    Engine.getInstance().setRandomSeed(0);
    Hyperparams params = Hyperparams.resolve("gan", fixedParameters());
    TrialData data = Datasets.load(DatasetSpec.named(DatasetSpec.GAUSSIAN_2D), 0);
    try (GanRecipe recipe = new GanRecipe(params, data);
        NDManager manager = NDManager.newBaseManager()) {
      // PyTorch's (out, in) weights, then biases, layer by layer
      assertEquals(List.of(shape(2, 2), shape(2)), shapes(recipe.generator));
      assertEquals(
          List.of(shape(5, 2), shape(5), shape(3, 5), shape(3), shape(1, 3), shape(1)),
          shapes(recipe.discriminator));

      List<NDArray> d = arrays(recipe.discriminator);
      NDArray x = manager.create(new float[] {0.3f, -1.2f, 2.0f, 0.5f}, new Shape(2, 2));
      NDArray hidden = dense(dense(x, d.get(0), d.get(1)).tanh(), d.get(2), d.get(3)).tanh();
      NDArray expected = dense(hidden, d.get(4), d.get(5));
      assertArrayEquals(
          expected.toFloatArray(), recipe.discriminator.evaluate(x).toFloatArray(), 1e-6f);

      List<Float> values = new ArrayList<>();
      arrays(recipe.generator).forEach(a -> addAll(values, a));
      d.forEach(a -> addAll(values, a));
      double sum = values.stream().mapToDouble(Float::doubleValue).map(v -> v * v).sum();
      double std = Math.sqrt(sum / values.size());
      // 43 draws of N(0, 0.02): their std has a standard error of 0.0022; this allows three
      assertTrue(std > 0.0135 && std < 0.0265, "std of the initial parameters " + std);
      assertNotEquals(0f, d.get(5).getFloat(), "biases start from N(0, 0.02) too");
    }
  }

  @Test
  void averagedDiscriminatorLossIsHalfTheSum() throws IOException {
    Map<String, Object> given = new LinkedHashMap<>(fixedParameters());
    TrialData data = Datasets.load(DatasetSpec.named(DatasetSpec.GAUSSIAN_2D).withLimits(8, 8), 0);
    float averaged = firstLossD(given, data);
    given.put("d_loss", "sum");
    assertEquals(2 * averaged, firstLossD(given, data), 1e-5);
  }

  private static float firstLossD(Map<String, Object> given, TrialData data) {
    Engine.getInstance().setRandomSeed(11);
    try (GanRecipe recipe = new GanRecipe(Hyperparams.resolve("gan", given), data);
        NDManager manager = NDManager.newBaseManager()) {
      return recipe.trainStep(data.train().slice(manager, 0, 8)).get("train/loss_d");
    }
  }

  /** The {@code {value: x}} of every parameter the sweep file sets. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> fixedParameters() throws IOException {
    try (Reader reader = Files.newBufferedReader(SWEEP_FILE)) {
      Map<String, Object> file = new Yaml().load(reader);
      assertEquals("gan", file.get("model"));
      Map<String, Map<String, Object>> parameters =
          (Map<String, Map<String, Object>>) file.get("parameters");
      Map<String, Object> values = new LinkedHashMap<>();
      parameters.forEach((name, spec) -> values.put(name, spec.get("value")));
      return values;
    }
  }

  private static NDArray dense(NDArray x, NDArray weight, NDArray bias) {
    return x.matMul(weight.transpose()).add(bias);
  }

  private static Shape shape(long... dims) {
    return new Shape(dims);
  }

  private static List<NDArray> arrays(Network network) {
    List<NDArray> arrays = new ArrayList<>();
    for (Pair<String, Parameter> p : network.block().getParameters()) {
      arrays.add(p.getValue().getArray());
    }
    return arrays;
  }

  private static List<Shape> shapes(Network network) {
    return arrays(network).stream().map(NDArray::getShape).toList();
  }

  private static void addAll(List<Float> values, NDArray array) {
    for (float v : array.toFloatArray()) {
      values.add(v);
    }
  }
}
