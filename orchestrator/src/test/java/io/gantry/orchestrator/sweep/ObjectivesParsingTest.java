package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static io.gantry.orchestrator.sweep.SweepFiles.withLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code metrics:} (several objectives) and {@code constraints:}, read and checked. */
class ObjectivesParsingTest {

  private static final String METRIC_LINE = "metric: {name: val/elbo, goal: maximize}";
  private static final String TWO_METRICS =
      "metrics: [{name: val/elbo, goal: maximize}, {name: val/fid, goal: minimize}]";

  @Test
  void severalMetricsAreReadInOrderAndTheFirstRanksTrials() {
    SweepSpec spec = parse(withLine(METRIC_LINE, TWO_METRICS));

    assertEquals(
        List.of(new MetricGoal("val/elbo", Goal.MAXIMIZE), new MetricGoal("val/fid", Goal.MINIMIZE)), spec.metrics());
    assertEquals(new MetricGoal("val/elbo", Goal.MAXIMIZE), spec.metric());
    assertEquals(List.of(), spec.constraints());
  }

  @Test
  void aFileWithOneMetricHasItAlone() {
    assertEquals(List.of(new MetricGoal("val/elbo", Goal.MAXIMIZE)), parse(SweepFiles.VALID).metrics());
  }

  @Test
  void constraintsTakeMinMaxOrBoth() {
    SweepSpec spec =
        parse(
            SweepFiles.VALID
                + "constraints:\n  - {metric: val/fid, max: 50}\n  - {metric: val/recall, min: 0.2, max: 0.9}\n");

    assertEquals(
        List.of(
            new MetricConstraint("val/fid", OptionalDouble.empty(), OptionalDouble.of(50)),
            new MetricConstraint("val/recall", OptionalDouble.of(0.2), OptionalDouble.of(0.9))),
        spec.constraints());
  }

  /** The metric line is line 5 of the valid file; constraints are appended as line 10. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metrics: [{name: val/elbo, goal: maximize}, {name: val/elbo, goal: minimize}] | 5 | 45 | metrics[1]      | val/elbo is listed twice",
        "metrics: [{name: val/elbo, goal: maximize}, {name: val/fdi, goal: minimize}]  | 5 | 52 | metrics[1].name | did you mean \"val/fid\"?",
        "metrics: [{name: val/elbo, goal: maximize}, {name: val/fid, goal: lower}]     | 5 | 67 | metrics[1].goal | unknown goal \"lower\"",
        "metrics: []                                                                   | 5 | 10 | metrics         | expected at least one metric",
        "metrics: {name: val/elbo, goal: maximize}                                     | 5 | 10 | metrics         | expected a list",
      })
  void aWrongMetricsListPointsAtTheEntry(String line, int row, int column, String key, String message) {
    assertOnlyError(withLine(METRIC_LINE, line), row, column, key, message);
  }

  @Test
  void metricAndMetricsTogetherAreAnError() {
    assertOnlyError(SweepFiles.VALID + TWO_METRICS + "\n", 10, 10, "metrics", "expected metric or metrics, not both");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "constraints: [{metric: val/fid}]                  | 10 | 15 | constraints[0]        | expected min, max or both",
        "constraints: [{metric: val/fdi, max: 1}]          | 10 | 24 | constraints[0].metric | did you mean \"val/fid\"?",
        "constraints: [{metric: val/fid, min: 5, max: 1}]  | 10 | 46 | constraints[0].max    | expected more than min 5.0, got 1.0",
        "constraints: [{metric: val/fid, max: low}]        | 10 | 38 | constraints[0].max    | expected a number",
        "constraints: [{metric: val/fid, max: 1, below: 1}] | 10 | 41 | constraints[0].below  | unknown key \"below\"",
        "constraints: {metric: val/fid, max: 1}            | 10 | 14 | constraints           | expected a list",
      })
  void aWrongConstraintPointsAtItsKey(String line, int row, int column, String key, String message) {
    assertOnlyError(SweepFiles.VALID + line + "\n", row, column, key, message);
  }

  @Test
  void nsga2TakesItsSettingsAndRunsTwoGenerationsByDefault() {
    String nsga2 = withLine("method: grid", "method: nsga2").replace("latent_dim: {values: [8, 16]}", "latent_dim: {min: 2, max: 32}");

    assertEquals(Nsga2Settings.DEFAULT, parse(nsga2).nsga2());
    assertEquals(100, parse(nsga2).maxTrials(), "two generations of Optuna's 50");
    SweepSpec set = parse(nsga2 + "nsga2: {population_size: 8, crossover_prob: 0.5, mutation_prob: 0.25}\n");
    assertEquals(new Nsga2Settings(8, 0.5, OptionalDouble.of(0.25)), set.nsga2());
    assertEquals(16, set.maxTrials());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nsga2: {population_size: 1}       | 10 | 26 | nsga2.population_size | expected an integer of at least 2, got 1",
        "nsga2: {crossover_prob: 1.5}      | 10 | 25 | nsga2.crossover_prob  | expected a probability from 0 to 1, got 1.5",
        "nsga2: {mutation: 0.1}            | 10 | 9  | nsga2.mutation        | unknown key \"mutation\"; expected one of population_size, crossover_prob, mutation_prob",
      })
  void wrongNsga2SettingsPointAtTheirKey(String line, int row, int column, String key, String message) {
    String nsga2 = withLine("method: grid", "method: nsga2").replace("latent_dim: {values: [8, 16]}", "latent_dim: {min: 2, max: 32}");
    assertOnlyError(nsga2 + line + "\n", row, column, key, message);
  }

  @Test
  void nsga2SettingsNeedMethodNsga2() {
    assertOnlyError(SweepFiles.VALID + "nsga2: {population_size: 8}\n", 10, 8, "nsga2", "only for method: nsga2, not grid");
  }
}
