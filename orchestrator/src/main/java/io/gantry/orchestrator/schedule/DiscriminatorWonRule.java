package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate.DiscriminatorWon;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code stop_on: {d_won: ...}}: a GAN whose discriminator has won stops. D's mean probability on
 * held-out examples ({@code val/d_real}) above {@code realAbove} and on generated ones ({@code
 * val/d_fake}) below {@code fakeBelow} means D tells them apart almost surely, G's gradient
 * vanishes and training rarely recovers; {@code reports} consecutive reports must show it, so that
 * one sharp evaluation does not end a trial. Reads the two probabilities that came with each
 * report of the sweep's metric ({@link TrialHistory.Report#companions()}); a report without
 * them does not count as won, so a model that stops reporting them is never stopped by this rule.
 */
public final class DiscriminatorWonRule implements TrialScheduler {

  private final BudgetUnit unit;
  private final DiscriminatorWon spec;

  /** The rule as {@code spec} says, placing its stops in {@code unit}. */
  public DiscriminatorWonRule(BudgetUnit unit, DiscriminatorWon spec) {
    this.unit = unit;
    this.spec = spec;
  }

  @Override
  public Decision onReport(TrialHistory trial, Collection<TrialHistory> trials) {
    List<TrialHistory.Report> reports = trial.reports();
    if (reports.size() < spec.reports()) {
      return Decision.CONTINUE;
    }
    List<TrialHistory.Report> latest = reports.subList(reports.size() - spec.reports(), reports.size());
    if (!latest.stream().allMatch(this::won)) {
      return Decision.CONTINUE;
    }
    TrialHistory.Report last = latest.get(latest.size() - 1);
    long at = trial.reached(unit);
    return Decision.stop(
        at,
        String.format(
            Locale.ROOT, "d_won: %s above %s and %s below %s for %d reports (%.4g and %.4g at %s %d)",
            DiscriminatorWon.D_REAL, spec.realAbove(), DiscriminatorWon.D_FAKE, spec.fakeBelow(), spec.reports(),
            last.companions().get(DiscriminatorWon.D_REAL), last.companions().get(DiscriminatorWon.D_FAKE),
            unit.singular(), at));
  }

  private boolean won(TrialHistory.Report report) {
    Double real = report.companions().get(DiscriminatorWon.D_REAL);
    Double fake = report.companions().get(DiscriminatorWon.D_FAKE);
    return real != null && fake != null && real > spec.realAbove() && fake < spec.fakeBelow();
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "d_won: stop a GAN once %s is above %s and %s below %s for %d reports",
        DiscriminatorWon.D_REAL, spec.realAbove(), DiscriminatorWon.D_FAKE, spec.fakeBelow(), spec.reports());
  }

  /** Nominally no discriminator wins. */
  @Override
  public OptionalDouble nominalCost(int trials, long budget) {
    return OptionalDouble.of((double) trials * budget);
  }
}
