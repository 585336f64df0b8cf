package io.gantry.orchestrator.search;

import static io.gantry.orchestrator.search.Specs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** TPE with several metrics (MOTPE) and with constraints, on ZDT1: no training, only ask, evaluate, tell. */
class MultiObjectiveTpeTest {

  private static final int TRIALS = 60;
  private static final int SEEDS = 10;
  private static final int STARTUP_TRIALS = 10;
  private static final String CONSTRAINT = "constraints: [{metric: val/d_fake, min: 0.5}]\n";

  /** The trials {@code TRIALS} proposals of a fresh strategy for {@code yaml} reach, each told what {@code told} makes of them. */
  private static List<Map<String, Object>> run(String yaml, Function<Map<String, Object>, TrialResult> told) {
    SearchStrategy search = SearchStrategies.forSpec(parse(yaml));
    List<Map<String, Object>> trials = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      Map<String, Object> params = search.ask(List.of()).orElseThrow();
      search.tell(params, told.apply(params));
      trials.add(params);
    }
    return trials;
  }

  /**
   * What the coordinator would tell of a trial of {@code yaml}: the first metric's value, every
   * metric of the sweep and, with the constraint, how far x1 lies below 0.5.
   */
  private static Function<Map<String, Object>, TrialResult> asTold(String yaml) {
    SweepSpec spec = parse(yaml);
    return params -> {
      double[] f = Zdt1.objectives(params);
      List<Double> objectives = Arrays.stream(f).limit(spec.metrics().size()).boxed().toList();
      return new TrialResult(f[0], 100, false, objectives, spec.constraints().isEmpty() ? 0 : Zdt1.violation(f));
    };
  }

  private static List<Map<String, Object>> run(String yaml) {
    return run(yaml, asTold(yaml));
  }

  private static double meanHypervolume(Function<Long, String> yamlOfSeed) {
    return IntStream.range(0, SEEDS)
        .mapToDouble(seed -> Zdt1.hypervolume(run(yamlOfSeed.apply((long) seed)).stream().map(Zdt1::objectives).toList()))
        .average()
        .orElseThrow();
  }

  @Test
  void withBothMetricsItsFrontDominatesMoreThanRandomSearchsAndThanTpeOnTheFirstMetricAlone() {
    double both = meanHypervolume(seed -> Zdt1.sweep("tpe") + "seed: " + seed + "\n");
    double firstAlone = meanHypervolume(seed -> Zdt1.sweepOfTheFirstMetric("tpe") + "seed: " + seed + "\n");
    double random = meanHypervolume(seed -> Zdt1.sweep("random") + "seed: " + seed + "\n");

    String figures = String.format(
        "mean hypervolume over %d seeds of %d trials: TPE of both metrics %.3f, TPE of the first %.3f, random %.3f (true front %.3f)",
        SEEDS, TRIALS, both, firstAlone, random, Zdt1.BEST_HYPERVOLUME);
    System.out.println(figures);
    assertTrue(both > random + 0.2, figures);
    assertTrue(both > firstAlone + 0.2, figures);
  }

  /** The share of proposals after the startup trials that meet x1 >= 0.5, over the seeds. */
  private static double feasibleShare(String yaml) {
    long feasible =
        IntStream.range(0, SEEDS)
            .mapToLong(seed -> run(yaml + "seed: " + seed + "\n").stream()
                .skip(STARTUP_TRIALS)
                .filter(p -> Zdt1.violation(Zdt1.objectives(p)) == 0)
                .count())
            .sum();
    return feasible / (double) (SEEDS * (TRIALS - STARTUP_TRIALS));
  }

  @Test
  void withAConstraintMostProposalsAfterTheStartupTrialsMeetIt() {
    double both = feasibleShare(Zdt1.sweep("tpe") + CONSTRAINT);
    double firstAlone = feasibleShare(Zdt1.sweepOfTheFirstMetric("tpe") + CONSTRAINT);
    double unconstrained = feasibleShare(Zdt1.sweepOfTheFirstMetric("tpe"));

    String figures = String.format(
        "share of proposals with x1 >= 0.5: TPE of both metrics %.3f; TPE of x1 alone %.3f, without the constraint %.3f; random search's is 0.5",
        both, firstAlone, unconstrained);
    System.out.println(figures);
    assertTrue(both > 0.7, figures);
    // minimising x1 leads to the bound itself, so proposals fall on both sides of it; without the constraint, away from it
    assertTrue(firstAlone > 0.55 && firstAlone > unconstrained + 0.3, figures);
  }

  @Test
  void theSameSeedProposesTheSameTrials() {
    String yaml = Zdt1.sweep("tpe") + CONSTRAINT;

    List<Map<String, Object>> first = run(yaml + "seed: 3\n");
    assertEquals(first, run(yaml + "seed: 3\n"));
    assertNotEquals(first, run(yaml + "seed: 4\n"));
  }

  /**
   * With one metric and no constraints, telling every metric and the violation changes nothing:
   * the split is by the value alone, as before several metrics were told. Every third trial is
   * stopped early, at one of two budgets, so that every rule of the split takes part.
   */
  @Test
  void withOneMetricAndNoConstraintsTellingEveryMetricChangesNoProposal() {
    SweepSpec spec = parse(Zdt1.sweepOfTheFirstMetric("tpe") + "seed: 5\n");
    SearchStrategy valueAlone = new TpeSearch(spec);
    SearchStrategy everything = new TpeSearch(spec);
    for (int i = 0; i < TRIALS; i++) {
      Map<String, Object> params = valueAlone.ask(List.of()).orElseThrow();
      assertEquals(params, everything.ask(List.of()).orElseThrow(), "trial " + i);
      double value = Zdt1.objectives(params)[1];
      boolean stopped = i % 3 == 0;
      long steps = stopped ? 40 + i % 2 * 20 : 100;
      valueAlone.tell(params, new TrialResult(value, steps, stopped));
      everything.tell(params, new TrialResult(value, steps, stopped, List.of(value), 0));
    }
  }
}
