package io.gantry.orchestrator.sweep;

import io.gantry.protocol.trial.Budget;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a sweep of {@code method: replay} trains its one trial: from the file's parameters with
 * {@code seed}, and at each change's step, a checkpoint at an epoch's end, with the change's
 * parameters from there on, as a member of a pbt sweep did where its lineage says it copied a
 * checkpoint. {@code gantry replay} writes these settings from a member's lineage.
 *
 * @param seed the trial's seed
 * @param changes the changes, at steps above 0 in increasing order
 */
public record ReplaySettings(long seed, List<Change> changes) {

  /** From {@code step} on, the trial trains with {@code params} in place of what it had. */
  public record Change(long step, Map<String, Object> params) {
    public Change {
      params = Map.copyOf(params);
    }
  }

  public ReplaySettings {
    changes = List.copyOf(changes);
    for (int i = 0; i < changes.size(); i++) {
      long floor = i == 0 ? 0 : changes.get(i - 1).step();
      if (changes.get(i).step() <= floor) {
        throw new IllegalArgumentException("changes must be at increasing steps above 0, got " + changes);
      }
    }
  }

  /**
   * The budget of a run that goes on from {@code lastStep}: up to the next change's step, where it
   * ends with its checkpoint, or the sweep's {@code budget} once no change is ahead.
   */
  public Budget budgetFrom(long lastStep, Budget budget) {
    return changes.stream()
        .filter(c -> c.step() > lastStep)
        .findFirst()
        .map(c -> new Budget(budget.epochs(), c.step()))
        .orElse(budget);
  }

  /** The change a run that ended at {@code step} is to take next, if one is there. */
  public Optional<Change> changeAt(long step) {
    return changes.stream().filter(c -> c.step() == step).findFirst();
  }
}
