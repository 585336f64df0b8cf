package io.gantry.orchestrator.sweep;

import io.gantry.protocol.trial.Budget;
import java.util.Locale;

/**
 * What a budget or an early-stopping rung counts: epochs, which end with the held-out {@code val/}
 * metrics, or optimisation steps.
 */
public enum BudgetUnit {
  EPOCHS,
  STEPS;

  /** The unit {@code budget} is given in. */
  public static BudgetUnit of(Budget budget) {
    return budget.bySteps() ? STEPS : EPOCHS;
  }

  /** How many of this unit {@code budget} grants, if it is given in this unit. */
  public long amountOf(Budget budget) {
    if (of(budget) != this) {
      throw new IllegalArgumentException("the budget is not in " + plural());
    }
    return this == STEPS ? budget.steps() : budget.epochs();
  }

  /**
   * The most a budget, or a rung's position, may count in this unit: 10,000 epochs or a billion
   * steps, beyond any sweep worth running and far from where step arithmetic overflows.
   */
  public long most() {
    return this == STEPS ? 1_000_000_000L : 10_000L;
  }

  /** Where a report made at {@code step} during {@code epoch} stands in this unit. */
  public long position(long step, int epoch) {
    return this == STEPS ? step : epoch;
  }

  /** {@code epoch} or {@code step}, as in "rung at epoch 3". */
  public String singular() {
    return this == STEPS ? "step" : "epoch";
  }

  /** {@code epochs} or {@code steps}. */
  public String plural() {
    return name().toLowerCase(Locale.ROOT);
  }
}
