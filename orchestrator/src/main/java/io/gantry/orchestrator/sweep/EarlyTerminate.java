package io.gantry.orchestrator.sweep;

import java.util.Objects;
import java.util.Optional;

/**
 * The sweep file's {@code early_terminate}: which rule stops unpromising trials before their budget
 * is spent, and where it looks. Positions ({@code min}, {@code max}, {@code start}) count in {@link
 * #unit()}; the schedulers that apply them live in {@code io.gantry.orchestrator.schedule}.
 */
public sealed interface EarlyTerminate {

  /** What the rule's positions count. */
  BudgetUnit unit();

  /** How the rule reads a trial's values, and which guards stop a trial whatever it says. */
  Judging judging();

  /**
   * What every type shares. GAN metrics are noisy: a single bad report should not stop a trial,
   * and a diverged or collapsed one should not wait for the next rung.
   *
   * @param useBest whether decisions use a trial's best value so far rather than its last
   * @param window how many of a trial's latest reports its value averages (1: each report alone)
   * @param stopOn the guards that stop a trial at once
   */
  record Judging(boolean useBest, int window, StopOn stopOn) {

    /** Each report alone, its last value, no guard: what a file without these keys gets. */
    public static final Judging LAST = new Judging(false, 1, StopOn.NONE);

    public Judging {
      Objects.requireNonNull(stopOn, "stopOn");
      if (window < 1) {
        throw new IllegalArgumentException("bad smoothing window " + window);
      }
    }
  }

  /**
   * {@code stop_on}: guards that stop a trial at the report that trips them, besides the rule.
   *
   * @param nonFinite stop a trial whose value of the sweep's metric is NaN or infinite
   * @param discriminatorWon stop a GAN whose discriminator has won, if given
   */
  record StopOn(boolean nonFinite, Optional<DiscriminatorWon> discriminatorWon) {

    /** No guard. */
    public static final StopOn NONE = new StopOn(false, Optional.empty());

    public StopOn {
      Objects.requireNonNull(discriminatorWon, "discriminatorWon");
    }
  }

  /**
   * {@code stop_on.d_won}: the discriminator tells real from generated so well that the generator
   * gets no gradient to learn from, a state GANs rarely leave.
   *
   * @param reports how many consecutive reports must show it
   * @param realAbove {@code val/d_real}, D's mean probability on held-out examples, must be above this
   * @param fakeBelow {@code val/d_fake}, D's mean probability on generated ones, must be below this
   */
  record DiscriminatorWon(int reports, double realAbove, double fakeBelow) {

    /** The metrics the rule reads, which the GANs report with their held-out metrics. */
    public static final String D_REAL = "val/d_real";

    public static final String D_FAKE = "val/d_fake";

    public DiscriminatorWon {
      if (reports < 1 || !(realAbove > 0 && realAbove < 1) || !(fakeBelow > 0 && fakeBelow < 1)) {
        throw new IllegalArgumentException("bad d_won: " + reports + " reports, " + realAbove + ", " + fakeBelow);
      }
    }
  }

  /**
   * {@code type: asha}: asynchronous successive halving. Rungs lie at {@code min * factor^k} below
   * {@code max}; a trial reaching a rung goes on only if it is in the top {@code 1/factor} of the
   * trials that reached that rung so far.
   */
  record Asha(BudgetUnit unit, long min, long max, int reductionFactor, Judging judging)
      implements EarlyTerminate {
    public Asha {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(judging, "judging");
      if (min < 1 || min >= max || reductionFactor < 2) {
        throw new IllegalArgumentException("bad asha: min " + min + ", max " + max + ", factor " + reductionFactor);
      }
    }
  }

  /**
   * {@code type: hyperband}: {@code brackets} ASHA brackets, bracket {@code b} starting its rungs
   * at {@code min * factor^b}, with trials spread over them as Hyperband does.
   */
  record Hyperband(BudgetUnit unit, long min, long max, int reductionFactor, int brackets, Judging judging)
      implements EarlyTerminate {
    public Hyperband {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(judging, "judging");
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
  record Median(BudgetUnit unit, long start, int minTrials, Judging judging) implements EarlyTerminate {
    public Median {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(judging, "judging");
      if (start < 0 || minTrials < 1) {
        throw new IllegalArgumentException("bad median: start " + start + ", min trials " + minTrials);
      }
    }
  }

  /**
   * {@code type: patience}: a trial stops once {@code patience} consecutive reports fail to improve
   * on its best value so far by more than {@code minDelta}, as Keras' {@code EarlyStopping} does
   * within one run. It needs no other trial, so it stops a stalled GAN however few trials run.
   * Its stops are placed in {@code unit}, the budget's.
   */
  record Patience(BudgetUnit unit, int patience, double minDelta, Judging judging) implements EarlyTerminate {
    public Patience {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(judging, "judging");
      if (patience < 1 || !(minDelta >= 0) || Double.isInfinite(minDelta) || judging.useBest()) {
        throw new IllegalArgumentException("bad patience: " + patience + " reports, min delta " + minDelta);
      }
    }
  }
}
