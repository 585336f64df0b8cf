package io.gantry.orchestrator.schedule;

import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A rule and the {@code stop_on} guards beside it: the guards judge every report first, since a
 * diverged or collapsed trial should stop at once rather than at the rule's next rung; the first
 * stop wins, so its reason names the rule or guard that stopped the trial.
 */
public final class GuardedScheduler implements TrialScheduler {

  private final TrialScheduler rule;
  private final List<TrialScheduler> guards;

  public GuardedScheduler(TrialScheduler rule, List<TrialScheduler> guards) {
    this.rule = rule;
    this.guards = List.copyOf(guards);
  }

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    return Stream.concat(guards.stream(), Stream.of(rule))
        .map(scheduler -> scheduler.onReport(trial, trials))
        .filter(Decision::stops)
        .findFirst()
        .orElse(Decision.CONTINUE);
  }

  @Override
  public String describe() {
    return Stream.concat(Stream.of(rule), guards.stream()).map(TrialScheduler::describe).collect(Collectors.joining("; "));
  }

  /** The guards nominally stop nothing: the rule's cost. */
  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    return rule.nominalCost(trials, budget);
  }
}
