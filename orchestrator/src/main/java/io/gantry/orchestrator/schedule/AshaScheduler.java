package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", 2020), as Optuna's {@code SuccessiveHalvingPruner} decides. Rungs lie at {@code min *
 * factor^k} below {@code max}. When a trial first reaches a rung, it is compared with every trial
 * that reached that rung before it, at that rung: it goes on if it is among the best {@code
 * floor(n / factor)} of those {@code n} values (itself included), or is the best of them while
 * {@code n < factor}; otherwise it stops. Nobody waits for a rung to fill up, so a straggler never
 * holds back a promotion; early trials go on more easily than later ones, as in the paper.
 */
public final class AshaScheduler implements TrialScheduler {

  private final BudgetUnit unit;
  private final List<Long> rungs;
  private final int factor;
  private final Objective objective;
  private final String name;

  /** ASHA as {@code spec} says, judging trials by {@code objective}. */
  public AshaScheduler(EarlyTerminate.Asha spec, Objective objective) {
    this(spec.unit(), spec.min(), spec.max(), spec.reductionFactor(), objective, "asha");
  }

  /** One ASHA bracket: rungs from {@code min} up to, not including, {@code max}. */
  AshaScheduler(BudgetUnit unit, long min, long max, int factor, Objective objective, String name) {
    this.unit = unit;
    this.factor = factor;
    this.objective = objective;
    this.name = name;
    List<Long> positions = new ArrayList<>();
    for (long rung = min; rung < max; rung = Math.multiplyExact(rung, factor)) {
      positions.add(rung);
    }
    this.rungs = List.copyOf(positions);
  }

  /** Where the rungs lie, lowest first, in the unit of the spec. */
  public List<Long> rungs() {
    return rungs;
  }

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    long before = trial.reachedBefore(unit);
    long now = trial.reached(unit);
    for (long rung : rungs) {
      if (rung > before && rung <= now) {
        Decision decision = atRung(trial, trials, rung);
        if (decision.stops()) {
          return decision;
        }
      }
    }
    return Decision.CONTINUE;
  }

  private Decision atRung(TrialHistory trial, Collection<TrialHistory> trials, long rung) {
    double value = objective.valueAt(trial, unit, rung).orElseThrow();
    List<Double> atRung =
        trials.stream()
            .map(t -> objective.valueAt(t, unit, rung))
            .flatMap(Optional::stream)
            .sorted(objective.bestFirst())
            .toList();
    int promoted = Math.max(1, atRung.size() / factor);
    double cutoff = atRung.get(promoted - 1);
    if (!objective.worse(value, cutoff)) {
      return Decision.CONTINUE;
    }
    return Decision.stop(
        rung,
        String.format(
            "%s: at %s %d (rung %d of %d), %s is not among the best %d of the %d trials there (needed %s)",
            name, unit.singular(), rung, rungs.indexOf(rung) + 1, rungs.size(), objective.format(value),
            promoted, atRung.size(), objective.format(cutoff)));
  }

  @Override
  public String describe() {
    return rungs.isEmpty()
        ? name + ": no rung, every trial runs its whole budget"
        : String.format(
            "%s: rungs at %s %s, reduction factor %d", name, unit.singular(),
            rungs.stream().map(String::valueOf).collect(Collectors.joining(", ")), factor);
  }

  /**
   * Of {@code n} trials, {@code n / factor^k} nominally reach rung {@code k}; those stopped there
   * trained to the rung, those past the top rung the whole budget.
   */
  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    double cost = 0;
    double reaching = trials;
    for (long rung : rungs) {
      double promoted = reaching / factor;
      cost += (reaching - promoted) * rung;
      reaching = promoted;
    }
    return OptionalDouble.of(cost + reaching * budget);
  }
}
