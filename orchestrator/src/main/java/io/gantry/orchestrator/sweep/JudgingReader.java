package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.EarlyTerminate.DiscriminatorWon;
import io.gantry.orchestrator.sweep.EarlyTerminate.Judging;
import io.gantry.orchestrator.sweep.EarlyTerminate.StopOn;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the keys every {@code early_terminate} type shares: {@code use_best}, {@code smoothing:
 * {window: N}} and {@code stop_on: {nan: true, d_won: {...}}}.
 */
final class JudgingReader {

  /** The keys this reader reads, besides {@code use_best}, which not every type takes. */
  static final List<String> KEYS = List.of("smoothing", "stop_on");

  // A mean over more reports than this would hide every trend a rung could judge.
  private static final long MOST_WINDOW = 1_000;
  private static final long MOST_REPORTS = 1_000;
  private static final DiscriminatorWon DEFAULT_D_WON = new DiscriminatorWon(3, 0.95, 0.05);

  private final NodeReader reader;

  JudgingReader(NodeReader reader) {
    this.reader = reader;
  }

  /**
   * The shared settings of {@code fields}, {@code use_best} only when {@code takesUseBest};
   * {@code metric} and {@code reported} (the metrics the model reports) are empty when the file's
   * were wrong. Empty when any key was wrong.
   */
  Optional<Judging> read(
      MappingFields fields, boolean takesUseBest, Optional<MetricGoal> metric, Optional<Collection<String>> reported) {
    Optional<Boolean> useBest =
        takesUseBest ? fields.optional("use_best").flatMap(n -> reader.bool(n, fields.keyOf("use_best"))) : Optional.empty();
    Optional<Long> window = fields.optional("smoothing").flatMap(n -> window(n, fields.keyOf("smoothing")));
    Optional<StopOn> stopOn = fields.optional("stop_on").flatMap(n -> stopOn(n, fields.keyOf("stop_on"), metric, reported));
    boolean allRead =
        useBest.isPresent() == (takesUseBest && fields.has("use_best"))
            && window.isPresent() == fields.has("smoothing")
            && stopOn.isPresent() == fields.has("stop_on");
    return allRead
        ? Optional.of(new Judging(useBest.orElse(false), window.orElse(1L).intValue(), stopOn.orElse(StopOn.NONE)))
        : Optional.empty();
  }

  private Optional<Long> window(Node node, String key) {
    Optional<MappingFields> fields = reader.mapping(node, key, "{window: N}");
    fields.ifPresent(f -> f.allowOnly(List.of("window")));
    return fields.flatMap(f -> f.required("window").flatMap(n -> reader.integer(n, f.keyOf("window"), 1, MOST_WINDOW)));
  }

  private Optional<StopOn> stopOn(
      Node node, String key, Optional<MetricGoal> metric, Optional<Collection<String>> reported) {
    Optional<MappingFields> maybeFields = reader.mapping(node, key, "{nan: true, d_won: {...}}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("nan", "d_won"));
    Optional<Boolean> nan = fields.optional("nan").flatMap(n -> reader.bool(n, fields.keyOf("nan")));
    Optional<DiscriminatorWon> won =
        fields.optional("d_won").flatMap(n -> discriminatorWon(n, fields.keyOf("d_won"), metric, reported));
    if (nan.isPresent() != fields.has("nan") || won.isPresent() != fields.has("d_won")) {
      return Optional.empty();
    }
    return Optional.of(new StopOn(nan.orElse(false), won));
  }

  private Optional<DiscriminatorWon> discriminatorWon(
      Node node, String key, Optional<MetricGoal> metric, Optional<Collection<String>> reported) {
    Optional<MappingFields> maybeFields =
        reader.mapping(node, key, "{reports: N, d_real_above: x, d_fake_below: x}");
    if (maybeFields.isEmpty() || !readsDiscriminator(node, key, metric, reported)) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("reports", "d_real_above", "d_fake_below"));
    Optional<Long> reports = fields.integer("reports", 1, MOST_REPORTS);
    Optional<Double> realAbove = fields.optional("d_real_above").flatMap(n -> reader.fraction(n, fields.keyOf("d_real_above")));
    Optional<Double> fakeBelow = fields.optional("d_fake_below").flatMap(n -> reader.fraction(n, fields.keyOf("d_fake_below")));
    boolean allRead =
        reports.isPresent() == fields.has("reports")
            && realAbove.isPresent() == fields.has("d_real_above")
            && fakeBelow.isPresent() == fields.has("d_fake_below");
    return allRead
        ? Optional.of(
            new DiscriminatorWon(
                reports.map(Long::intValue).orElse(DEFAULT_D_WON.reports()),
                realAbove.orElse(DEFAULT_D_WON.realAbove()),
                fakeBelow.orElse(DEFAULT_D_WON.fakeBelow())))
        : Optional.empty();
  }

  /**
   * The rule reads D's held-out probabilities from the reports of the sweep's metric, so the model
   * must report them and the metric must be a held-out one, which comes in the same report.
   */
  private boolean readsDiscriminator(
      Node node, String key, Optional<MetricGoal> metric, Optional<Collection<String>> reported) {
    if (reported.isPresent() && !(reported.get().contains(DiscriminatorWon.D_REAL) && reported.get().contains(DiscriminatorWon.D_FAKE))) {
      reader.error(node, key, "needs " + DiscriminatorWon.D_REAL + " and " + DiscriminatorWon.D_FAKE + ", which the model does not report");
      return false;
    }
    if (metric.isPresent() && !metric.get().name().startsWith("val/")) {
      reader.error(node, key,
          DiscriminatorWon.D_REAL + " and " + DiscriminatorWon.D_FAKE + " come with the held-out val/ metrics, but the sweep's metric "
              + metric.get().name() + " is reported within epochs: use a val/ metric");
      return false;
    }
    return true;
  }
}
