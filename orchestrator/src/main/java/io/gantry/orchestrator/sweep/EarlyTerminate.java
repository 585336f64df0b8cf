package io.gantry.orchestrator.sweep;

import java.util.Objects;

/**
 * The sweep file's {@code early_terminate}: which rule stops unpromising trials before their budget
 * is spent, and where it looks. Positions ({@code min}, {@code max}, {@code start}) count in {@link
 * #unit()}; the schedulers that apply them live in {@code io.gantry.orchestrator.schedule}.
 */
public sealed interface EarlyTerminate {

  /** What the rule's positions count. */
  BudgetUnit unit();

  /** Whether decisions use a trial's best value so far rather than its last (for GANs). */
  boolean useBest();

  /**
   * {@code type: asha}: asynchronous successive halving. Rungs lie at {@code min * factor^k} below
   * {@code max}; a trial reaching a rung goes on only if it is in the top {@code 1/factor} of the
   * trials that reached that rung so far.
   */
  record Asha(BudgetUnit unit, long min, long max, int reductionFactor, boolean useBest)
      implements EarlyTerminate {
    public Asha {
      Objects.requireNonNull(unit, "unit");
      if (min < 1 || min >= max || reductionFactor < 2) {
        throw new IllegalArgumentException("bad asha: min " + min + ", max " + max + ", factor " + reductionFactor);
      }
    }
  }

  /**
   * {@code type: hyperband}: {@code brackets} ASHA brackets, bracket {@code b} starting its rungs
   * at {@code min * factor^b}, with trials spread over them as Hyperband does.
   */
  record Hyperband(BudgetUnit unit, long min, long max, int reductionFactor, int brackets, boolean useBest)
      implements EarlyTerminate {
    public Hyperband {
      Objects.requireNonNull(unit, "unit");
      if (min < 1 || min >= max || reductionFactor < 2 || brackets < 1) {
        throw new IllegalArgumentException("bad hyperband: min " + min + ", max " + max + ", brackets " + brackets);
      }
    }
  }

  /**
   * {@code type: median}: the median stopping rule. From {@code start} on, a trial stops when its
   * value is worse than the median of the other trials' values at the same point, once at least
   * {@code minTrials} of them got there.
   */
  record Median(BudgetUnit unit, long start, int minTrials, boolean useBest) implements EarlyTerminate {
    public Median {
      Objects.requireNonNull(unit, "unit");
      if (start < 0 || minTrials < 1) {
        throw new IllegalArgumentException("bad median: start " + start + ", min trials " + minTrials);
      }
    }
  }
}
