package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.EarlyTerminate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Hyperband (Li et al. 2018) as brackets of {@link AshaScheduler}, as Ray Tune's asynchronous
 * Hyperband and Optuna's {@code HyperbandPruner} run it: bracket {@code b} starts its rungs at
 * {@code min * factor^b}, so bracket 0 stops early and hard and the last stops late or never.
 * Trial {@code n} of the sweep goes to a bracket fixed by {@code n} alone, in the proportions of
 * one Hyperband iteration ({@code ceil((s+1)/(s-b+1) * factor^(s-b))} trials for bracket {@code
 * b}, where {@code s} is the last bracket possible), interleaved; a trial meets only the trials
 * of its own bracket at its rungs.
 */
public final class HyperbandScheduler implements TrialScheduler {

  private final List<AshaScheduler> brackets = new ArrayList<>();
  private final int[] shares;
  private final int[] order;

  /** Hyperband as {@code spec} says, judging trials by {@code objective}. */
  public HyperbandScheduler(EarlyTerminate.Hyperband spec, Objective objective) {
    int factor = spec.reductionFactor();
    int last = (int) Math.floor(Math.log((double) spec.max() / spec.min()) / Math.log(factor) + 1e-9);
    this.shares = new int[spec.brackets()];
    long start = spec.min();
    for (int b = 0; b < spec.brackets(); b++) {
      String name = "hyperband bracket " + (b + 1) + " of " + spec.brackets();
      brackets.add(new AshaScheduler(spec.unit(), start, spec.max(), factor, objective, name));
      start = Math.multiplyExact(start, factor);
      shares[b] = (int) Math.ceil((double) (last + 1) / (last - b + 1) * Math.pow(factor, last - b));
    }
    this.order = interleave(shares);
  }

  /** The bracket, from 0, of the trial numbered {@code seq} (from 1). */
  public int bracketOf(int seq) {
    return order[Math.floorMod(seq - 1, order.length)];
  }

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    int bracket = bracketOf(trial.seq());
    List<TrialHistory> peers = trials.stream().filter(t -> bracketOf(t.seq()) == bracket).toList();
    return brackets.get(bracket).onReport(trial, peers);
  }

  @Override
  public String describe() {
    return brackets.stream().map(AshaScheduler::describe).collect(Collectors.joining("; "))
        + "; trials spread " + Arrays.stream(shares).mapToObj(String::valueOf).collect(Collectors.joining(":"));
  }

  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    int[] counts = new int[brackets.size()];
    for (int seq = 1; seq <= trials; seq++) {
      counts[bracketOf(seq)]++;
    }
    double cost = 0;
    for (int b = 0; b < counts.length; b++) {
      cost += brackets.get(b).nominalCost(counts[b], budget).orElseThrow();
    }
    return OptionalDouble.of(cost);
  }

  /**
   * A round of {@code sum(shares)} bracket numbers, each {@code b} appearing {@code shares[b]}
   * times, spread out by smooth weighted round robin so that a short sweep meets every bracket.
   */
  private static int[] interleave(int[] shares) {
    int total = Arrays.stream(shares).sum();
    int[] current = new int[shares.length];
    int[] round = new int[total];
    for (int i = 0; i < total; i++) {
      int pick = 0;
      for (int b = 0; b < shares.length; b++) {
        current[b] += shares[b];
        if (current[b] > current[pick]) {
          pick = b;
        }
      }
      current[pick] -= total;
      round[i] = pick;
    }
    return round;
  }
}
