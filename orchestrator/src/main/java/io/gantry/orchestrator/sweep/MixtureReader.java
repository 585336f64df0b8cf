package io.gantry.orchestrator.sweep;

import io.gantry.protocol.trial.MixtureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the mixture of {@code dataset: {name: mixture-1d, weights, means, stds}}: each key a list
 * of two numbers, absent ones taking {@link MixtureSpec#DEFAULT}'s. Weights are positive and sum to
 * 1, stds positive, means and stds at most {@link MixtureSpec#MAX_ABS} in magnitude, so that the
 * mixture is a distribution whose CDF the worker can invert.
 */
final class MixtureReader {

  // Weights written with a few decimals, such as 0.33 and 0.67, sum to 1 within this.
  private static final double SUM_TOLERANCE = 1e-6;

  private final NodeReader reader;

  MixtureReader(NodeReader reader) {
    this.reader = reader;
  }

  /** The mixture {@code fields} give; the default's values where they give none or bad ones. */
  MixtureSpec read(MappingFields fields) {
    MixtureSpec fallback = MixtureSpec.DEFAULT;
    List<Double> weights =
        list(fields, "weights", fallback.weights(), w -> w > 0 && w <= 1, "a weight in (0, 1]");
    List<Double> means =
        list(fields, "means", fallback.means(), m -> Math.abs(m) <= MixtureSpec.MAX_ABS, bounded());
    List<Double> stds =
        list(
            fields,
            "stds",
            fallback.stds(),
            s -> s > 0 && s <= MixtureSpec.MAX_ABS,
            "a std in (0, " + (long) MixtureSpec.MAX_ABS + "]");
    double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
    if (fields.has("weights") && Math.abs(sum - 1) > SUM_TOLERANCE) {
      reader.error(
          fields.optional("weights").orElseThrow(),
          fields.keyOf("weights"),
          "weights must sum to 1, got " + sum);
      weights = fallback.weights();
    }
    return new MixtureSpec(weights, means, stds);
  }

  private static String bounded() {
    long most = (long) MixtureSpec.MAX_ABS;
    return "a mean in [-" + most + ", " + most + "]";
  }

  /** The list under {@code name}: {@link MixtureSpec#COMPONENTS} numbers that pass {@code ok}. */
  private List<Double> list(
      MappingFields fields, String name, List<Double> fallback, DoublePredicate ok, String what) {
    Optional<Node> node = fields.optional(name);
    if (node.isEmpty()) {
      return fallback;
    }
    String key = fields.keyOf(name);
    List<Node> items = reader.sequence(node.get(), key).orElse(null);
    if (items == null) {
      return fallback;
    }
    if (items.size() != MixtureSpec.COMPONENTS) {
      reader.error(
          node.get(),
          key,
          "expected " + MixtureSpec.COMPONENTS + " numbers, one per component, got "
              + items.size());
      return fallback;
    }
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemKey = key + "[" + i + "]";
      Optional<Double> value = reader.number(item, itemKey);
      if (value.isPresent() && !ok.test(value.get())) {
        reader.error(item, itemKey, "expected " + what + ", got " + reader.describe(item));
        value = Optional.empty();
      }
      if (value.isEmpty()) {
        return fallback;
      }
      values.add(value.get());
    }
    return values;
  }
}
