package io.gantry.orchestrator.schedule;

import io.gantry.orchestrator.sweep.BudgetUnit;
import io.gantry.orchestrator.sweep.EarlyTerminate.DiscriminatorWon;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a scheduler sees of one trial: the reports of the sweep's metric it made, in order, each
 * with the few other metrics of the same report that guards read ({@link #COMPANIONS}). A trial
 * sent back to the queue starts a fresh history. Immutable; {@link #with} appends in constant
 * time (amortised) by sharing one growing array between a history and its longer successors, so
 * a trial reporting every few steps for hours costs no more to follow than a short one.
 */
public final class TrialHistory {

  /**
   * The metrics besides the sweep's that a report keeps: D's held-out probabilities, which {@link
   * DiscriminatorWonRule} reads. Only these, so that a sweep's histories stay as small as its
   * reports of one metric; a model that reports neither keeps nothing more.
   */
  public static final Set<String> COMPANIONS = Set.of(DiscriminatorWon.D_REAL, DiscriminatorWon.D_FAKE);

  /**
   * One report of the sweep's metric, made at {@code step} during {@code epoch}, with the values
   * of the {@link #COMPANIONS} the same report carried.
   */
  public record Report(long step, int epoch, double value, Map<String, Double> companions) {

    public Report {
      companions = Map.copyOf(companions);
    }

    /** The report of {@code value}, keeping the companions among the report's {@code metrics}. */
    public static Report of(long step, int epoch, double value, Map<String, Double> metrics) {
      Map<String, Double> kept = new HashMap<>(metrics);
      kept.keySet().retainAll(COMPANIONS);
      return new Report(step, epoch, value, kept);
    }

    /** Where the report stands in {@code unit}. */
    public long position(BudgetUnit unit) {
      return unit.position(step, epoch);
    }
  }

  /** The array several histories share; {@code filled} says how much of it the longest uses. */
  private static final class Shared {
    Report[] reports;
    int filled;

    Shared(Report[] reports) {
      this.reports = reports;
      this.filled = reports.length;
    }
  }

  private final String trialId;
  private final int seq;
  private final Shared shared;
  private final int size;

  /**
   * @param trialId the trial's id
   * @param seq the trial's number in the sweep, from 1 (Hyperband spreads trials over brackets by it)
   * @param reports the trial's reports of the sweep's metric, oldest first
   */
  public TrialHistory(String trialId, int seq, List<Report> reports) {
    this(trialId, seq, new Shared(reports.toArray(Report[]::new)), reports.size());
  }

  private TrialHistory(String trialId, int seq, Shared shared, int size) {
    this.trialId = Objects.requireNonNull(trialId, "trialId");
    this.seq = seq;
    this.shared = shared;
    this.size = size;
  }

  public String trialId() {
    return trialId;
  }

  public int seq() {
    return seq;
  }

  /** The reports, oldest first, as an unmodifiable list. */
  public List<Report> reports() {
    return Collections.unmodifiableList(Arrays.asList(shared.reports).subList(0, size));
  }

  /** This history with {@code report} appended. */
  public TrialHistory with(Report report) {
    Shared target = shared;
    if (shared.filled != size) {
      // a longer history already grew from this one: branch off with a copy
      target = new Shared(Arrays.copyOf(shared.reports, size));
    }
    if (target.reports.length == size) {
      target.reports = Arrays.copyOf(target.reports, Math.max(4, size * 2));
    }
    target.reports[size] = report;
    target.filled = size + 1;
    return new TrialHistory(trialId, seq, target, size + 1);
  }

  /** How far the trial got in {@code unit}: its latest report's position, or 0. */
  public long reached(BudgetUnit unit) {
    return size == 0 ? 0 : shared.reports[size - 1].position(unit);
  }

  /** The position of the report before the latest, or 0: rungs above it were crossed just now. */
  public long reachedBefore(BudgetUnit unit) {
    return size < 2 ? 0 : shared.reports[size - 2].position(unit);
  }

  /**
   * The index of the first report at or past {@code position}, where the trial crossed it. Reports
   * come in order of steps (and so of epochs), so a binary search finds it.
   */
  public Optional<Integer> crossing(BudgetUnit unit, long position) {
    int low = 0;
    int high = size;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (shared.reports[middle].position(unit) >= position) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low < size ? Optional.of(low) : Optional.empty();
  }

  /** The latest value of the metric, if any. */
  public Optional<Double> lastValue() {
    return size == 0 ? Optional.empty() : Optional.of(shared.reports[size - 1].value());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrialHistory h && h.trialId.equals(trialId) && h.seq == seq && h.reports().equals(reports());
  }

  @Override
  public int hashCode() {
    return Objects.hash(trialId, seq, reports());
  }

  @Override
  public String toString() {
    return "TrialHistory[" + trialId + ", " + seq + ", " + reports() + "]";
  }
}
