package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.EarlyTerminate.Asha;
import io.gantry.orchestrator.sweep.EarlyTerminate.Hyperband;
import io.gantry.orchestrator.sweep.EarlyTerminate.Judging;
import io.gantry.orchestrator.sweep.EarlyTerminate.Median;
import io.gantry.orchestrator.sweep.EarlyTerminate.Patience;
import io.gantry.protocol.trial.Budget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code early_terminate} and checks it against the sweep's budget and metric: positions
 * count in one unit, epochs only with a held-out metric (nothing else marks an epoch's end), and
 * the rungs must fall inside the budget.
 */
final class EarlyTerminateReader {

  private static final String KEY = "early_terminate";
  private static final List<String> TYPES = List.of("asha", "hyperband", "median", "patience");
  private static final List<String> ASHA_KEYS =
      keys("type", "min_epochs", "min_steps", "max_epochs", "max_steps", "reduction_factor", "use_best");
  private static final List<String> HYPERBAND_KEYS =
      keys("type", "min_epochs", "min_steps", "max_epochs", "max_steps", "reduction_factor", "brackets", "use_best");
  private static final List<String> MEDIAN_KEYS = keys("type", "min_trials", "start_epoch", "start_step", "use_best");
  // A trial's own best so far is what patience measures against, so use_best means nothing there.
  private static final List<String> PATIENCE_KEYS = keys("type", "patience", "min_delta");
  private static final long MOST_PATIENCE = 1_000_000;
  private static final int DEFAULT_REDUCTION_FACTOR = 3;
  // A factor of 100 already stops 99 trials in 100 at each rung.
  private static final long MOST_REDUCTION_FACTOR = 100;
  private static final int DEFAULT_MIN_TRIALS = 5;

  /** A position read from a key such as {@code min_epochs}. */
  private record Position(BudgetUnit unit, long value, Node node, String key) {}

  private final NodeReader reader;

  EarlyTerminateReader(NodeReader reader) {
    this.reader = reader;
  }

  /**
   * The rule; {@code budget}, {@code metric} or {@code reported} (the metrics the model reports on
   * the dataset) is empty when the file's was wrong.
   */
  Optional<EarlyTerminate> read(
      Node node, Optional<Budget> budget, Optional<MetricGoal> metric, Optional<Collection<String>> reported) {
    Optional<MappingFields> maybeFields =
        reader.mapping(node, KEY, "{type: asha | hyperband | median | patience, ...}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    Optional<String> type =
        fields.required("type").flatMap(n -> reader.oneOf(n, fields.keyOf("type"), "type", TYPES));
    if (type.isEmpty()) {
      return Optional.empty();
    }
    boolean hyperband = type.get().equals("hyperband");
    boolean median = type.get().equals("median");
    boolean patience = type.get().equals("patience");
    fields.allowOnly(patience ? PATIENCE_KEYS : median ? MEDIAN_KEYS : hyperband ? HYPERBAND_KEYS : ASHA_KEYS);
    Optional<Judging> maybeJudging = new JudgingReader(reader).read(fields, !patience, metric, reported);
    if (maybeJudging.isEmpty()) {
      return Optional.empty();
    }
    Judging judging = maybeJudging.get();
    if (patience) {
      return patience(fields, budget, judging);
    }
    if (median) {
      return median(fields, budget, metric, judging);
    }
    Optional<Position> min = position(fields, "min_epochs", "min_steps", 1);
    if (min.isEmpty()) {
      if (!fields.has("min_epochs") && !fields.has("min_steps")) {
        reader.error(fields.node(), fields.keyOf("min_epochs"), "missing required key (or min_steps)");
      }
      return Optional.empty();
    }
    BudgetUnit unit = min.get().unit();
    int factor = fields.integer("reduction_factor", 2, MOST_REDUCTION_FACTOR).orElse((long) DEFAULT_REDUCTION_FACTOR).intValue();
    Optional<Long> max = max(fields, min.get(), budget);
    if (max.isEmpty() || !endsEpochs(min.get(), metric)) {
      return Optional.empty();
    }
    if (min.get().value() >= max.get()) {
      reader.error(min.get().node(), min.get().key(),
          "must be below the max (" + max.get() + " " + unit.plural() + "), or no rung would stop anything");
      return Optional.empty();
    }
    if (!hyperband) {
      return Optional.of(new Asha(unit, min.get().value(), max.get(), factor, judging));
    }
    int possible = 1 + (int) Math.floor(Math.log((double) max.get() / min.get().value()) / Math.log(factor) + 1e-9);
    Optional<Long> brackets = fields.integer("brackets", 1, Integer.MAX_VALUE);
    if (brackets.isPresent() && brackets.get() > possible) {
      reader.error(fields.optional("brackets").orElseThrow(), fields.keyOf("brackets"),
          "at most " + possible + " brackets fit between " + min.get().value() + " and " + max.get() + " " + unit.plural()
              + " with reduction_factor " + factor);
      return Optional.empty();
    }
    return Optional.of(
        new Hyperband(unit, min.get().value(), max.get(), factor, brackets.orElse((long) possible).intValue(), judging));
  }

  /** Patience counts reports, not positions; its stops are placed in the budget's unit. */
  private Optional<EarlyTerminate> patience(MappingFields fields, Optional<Budget> budget, Judging judging) {
    Optional<Long> patience =
        fields.required("patience").flatMap(n -> reader.integer(n, fields.keyOf("patience"), 1, MOST_PATIENCE));
    Optional<Double> minDelta = fields.optional("min_delta").flatMap(n -> nonNegative(n, fields.keyOf("min_delta")));
    if (patience.isEmpty() || minDelta.isPresent() != fields.has("min_delta") || budget.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Patience(BudgetUnit.of(budget.get()), patience.get().intValue(), minDelta.orElse(0.0), judging));
  }

  private Optional<Double> nonNegative(Node node, String key) {
    return reader
        .number(node, key)
        .filter(
            x -> {
              if (x < 0) {
                reader.error(node, key, "expected a non-negative number, got " + reader.describe(node));
              }
              return x >= 0;
            });
  }

  private Optional<EarlyTerminate> median(
      MappingFields fields, Optional<Budget> budget, Optional<MetricGoal> metric, Judging judging) {
    Optional<Position> start = position(fields, "start_epoch", "start_step", 0);
    int minTrials = fields.integer("min_trials", 1, SweepSpec.MOST_TRIALS).orElse((long) DEFAULT_MIN_TRIALS).intValue();
    if (start.isEmpty() && (fields.has("start_epoch") || fields.has("start_step") || budget.isEmpty())) {
      return Optional.empty();
    }
    Position at =
        start.orElseGet(() -> new Position(BudgetUnit.of(budget.get()), 0, fields.node(), fields.keyOf("type")));
    if (!endsEpochs(at, metric)) {
      return Optional.empty();
    }
    if (budget.isPresent() && BudgetUnit.of(budget.get()) == at.unit() && at.value() >= at.unit().amountOf(budget.get())) {
      reader.error(at.node(), at.key(), "must be below the budget (" + at.unit().amountOf(budget.get()) + " "
          + at.unit().plural() + "), or the rule would never stop anything");
      return Optional.empty();
    }
    return Optional.of(new Median(at.unit(), at.value(), minTrials, judging));
  }

  /** {@code max_epochs} or {@code max_steps} in {@code min}'s unit, by default the budget. */
  private Optional<Long> max(MappingFields fields, Position min, Optional<Budget> budget) {
    Optional<Position> max = position(fields, "max_epochs", "max_steps", 1);
    BudgetUnit unit = min.unit();
    String wanted = "max_" + unit.plural();
    if (max.isPresent() && max.get().unit() != unit) {
      reader.error(max.get().node(), max.get().key(), "use " + wanted + ", in the unit of " + min.key());
      return Optional.empty();
    }
    boolean maxGiven = fields.has("max_epochs") || fields.has("max_steps");
    if (maxGiven && max.isEmpty() || budget.isEmpty()) {
      return Optional.empty(); // already reported
    }
    boolean sameUnit = BudgetUnit.of(budget.get()) == unit;
    if (max.isEmpty()) {
      if (!sameUnit) {
        reader.error(min.node(), fields.keyOf(wanted),
            "missing required key: the budget counts " + BudgetUnit.of(budget.get()).plural() + ", not " + unit.plural());
        return Optional.empty();
      }
      return Optional.of(unit.amountOf(budget.get()));
    }
    if (sameUnit && max.get().value() > unit.amountOf(budget.get())) {
      reader.error(max.get().node(), max.get().key(),
          "is above the budget (" + unit.amountOf(budget.get()) + " " + unit.plural() + ")");
      return Optional.empty();
    }
    return Optional.of(max.get().value());
  }

  /** Epochs end with the held-out report, so an epoch rule needs a {@code val/} metric. */
  private boolean endsEpochs(Position at, Optional<MetricGoal> metric) {
    if (at.unit() != BudgetUnit.EPOCHS || metric.isEmpty() || metric.get().name().startsWith("val/")) {
      return true;
    }
    reader.error(at.node(), at.key(),
        "epochs end with the held-out val/ metrics, but the sweep's metric " + metric.get().name()
            + " is reported within epochs: count in steps, or use a val/ metric");
    return false;
  }

  /** The one of {@code epochsKey} and {@code stepsKey} present, an integer of at least {@code least}. */
  private Optional<Position> position(MappingFields fields, String epochsKey, String stepsKey, long least) {
    if (fields.has(epochsKey) && fields.has(stepsKey)) {
      reader.error(fields.optional(stepsKey).orElseThrow(), fields.keyOf(stepsKey),
          "give " + epochsKey + " or " + stepsKey + ", not both");
      return Optional.empty();
    }
    String key = fields.has(stepsKey) ? stepsKey : epochsKey;
    BudgetUnit unit = fields.has(stepsKey) ? BudgetUnit.STEPS : BudgetUnit.EPOCHS;
    return fields
        .integer(key, least, unit.most())
        .map(value -> new Position(unit, value, fields.optional(key).orElseThrow(), fields.keyOf(key)));
  }

  /** A type's own keys and the keys every type shares. */
  private static List<String> keys(String... own) {
    List<String> keys = new ArrayList<>(List.of(own));
    keys.addAll(JudgingReader.KEYS);
    return List.copyOf(keys);
  }
}
