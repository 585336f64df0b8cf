package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.schedule.TrialScheduler;
import io.gantry.orchestrator.schedule.TrialSchedulers;
import io.gantry.orchestrator.search.SearchStrategies;
import io.gantry.orchestrator.search.SearchStrategy;
import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import io.gantry.orchestrator.sweep.Method;
import io.gantry.orchestrator.sweep.ParameterSpec;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.TpeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * What {@code gantry run FILE --dry-run} prints: the trials a grid would run (or the space a random
 * or TPE search draws from), where early stopping decides, and the training the sweep may take.
 * It reads nothing but the spec and writes nothing.
 */
final class DryRun {

  private DryRun() {}

  static String describe(SweepSpec spec) {
    BudgetUnit unit = BudgetUnit.of(spec.budget());
    long budget = unit.amountOf(spec.budget());
    StringBuilder text = new StringBuilder();
    text.append(String.format("dry run of sweep %s: nothing runs, nothing is written%n", spec.name()));
    text.append(String.format("  %s on %s, metric %s (%s), %d %s per trial%n", spec.model(), spec.dataset().kind(),
        spec.metric().name(), spec.metric().goal().yamlName(), budget, unit.plural()));
    text.append(indent(spec.method() == Method.GRID ? grid(spec) : space(spec)));
    TrialScheduler scheduler = TrialSchedulers.forSpec(spec);
    text.append("  early stopping: ").append(scheduler.describe()).append('\n');
    text.append(String.format("  total budget: at most %d %s (%d trials x %d %s)", spec.maxTrials() * budget, unit.plural(),
        spec.maxTrials(), budget, unit.plural()));
    OptionalDouble nominal = scheduler.nominalCost(spec.maxTrials(), budget);
    boolean sameUnit = spec.earlyTerminate().map(EarlyTerminate::unit).filter(u -> u == unit).isPresent();
    if (sameUnit && nominal.isPresent()) {
      text.append(String.format(Locale.ROOT, "; about %.1f %s (%.0f %%) if each rung promotes 1 in reduction_factor",
          nominal.getAsDouble(), unit.plural(), 100 * nominal.getAsDouble() / (spec.maxTrials() * budget)));
    }
    return text.append('\n').toString();
  }

  private static String grid(SweepSpec spec) {
    SearchStrategy search = SearchStrategies.forSpec(spec);
    List<String> header = new ArrayList<>(List.of("trial"));
    header.addAll(spec.parameters().keySet());
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (int seq = 1; seq <= spec.maxTrials(); seq++) {
      // a grid's points do not depend on what runs
      Map<String, Object> params = search.ask(List.of()).orElseThrow();
      List<String> row = new ArrayList<>(List.of(String.format("t%03d", seq)));
      spec.parameters().keySet().forEach(name -> row.add(SweepReport.format(params.get(name))));
      table.row(row);
    }
    return String.format("grid: %d trial(s)%n", spec.maxTrials()) + indent(table.render());
  }

  private static String space(SweepSpec spec) {
    String how = spec.method().yamlName() + ": " + spec.maxTrials() + " trial(s)";
    if (spec.method() == Method.TPE) {
      TpeSettings tpe = spec.tpe();
      how += String.format(Locale.ROOT, ", the first %d at random, then by TPE (%d candidates; the best %.0f %% count as good%s%s)",
          tpe.startupTrials(), tpe.eiCandidates(), 100 * tpe.gamma(),
          tpe.constantLiar() ? ", unfinished ones as bad" : "", tpe.multivariate() ? "; all parameters jointly" : "");
    }
    TextTable table = new TextTable("parameter", "drawn from");
    spec.parameters().forEach((name, p) -> table.row(List.of(name, describe(p))));
    return how + ", drawn from\n" + indent(table.render());
  }

  private static String describe(ParameterSpec p) {
    if (p instanceof ParameterSpec.Fixed fixed) {
      return SweepReport.format(fixed.value());
    }
    if (p instanceof ParameterSpec.Choice choice) {
      return "one of " + choice.values().stream().map(SweepReport::format).collect(Collectors.joining(", "));
    }
    ParameterSpec.Range range = (ParameterSpec.Range) p;
    Object min = range.isDiscrete() ? (Object) (long) range.min() : range.min();
    Object max = range.isDiscrete() ? (Object) (long) range.max() : range.max();
    return range.distribution().yamlName() + " " + SweepReport.format(min) + " .. " + SweepReport.format(max);
  }

  private static String indent(String lines) {
    return lines.lines().map(line -> "  " + line + "\n").collect(Collectors.joining());
  }
}
