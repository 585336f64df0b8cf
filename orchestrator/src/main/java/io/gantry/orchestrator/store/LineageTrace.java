package io.gantry.orchestrator.store;

import io.gantry.orchestrator.sweep.ReplaySettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a member of a pbt sweep came to its last state, traced back through the checkpoints it and
 * its ancestors copied: the parameters and seed the first of them started from, and at each copy's
 * step the parameters the line went on with. Trained in one trial, that schedule ends in the
 * member's state, which is what {@code gantry replay} runs.
 *
 * @param start the parameters at step 0, of the member the line starts from
 * @param seed the seed of the whole line: a copy takes the seed its checkpoint trained with
 * @param changes the copies' steps, increasing, with the parameters of {@code varied} after each
 */
public record LineageTrace(Map<String, Object> start, long seed, List<ReplaySettings.Change> changes) {

  /**
   * The line of {@code trialId}, from {@code trials} (their parameters and seeds now) and the
   * sweep's {@code lineage}.
   *
   * @throws IllegalArgumentException if a copy's seed is not the line's, which no replay in one
   *     trial reproduces
   */
  public static LineageTrace of(String trialId, Map<String, TrialRecord> trials, List<LineageRecord> lineage, Set<String> varied) {
    List<LineageRecord> copies = new ArrayList<>();
    String member = trialId;
    long step = Long.MAX_VALUE;
    int before = Integer.MAX_VALUE;
    for (Optional<LineageRecord> copy = lastCopy(member, step, before, lineage); copy.isPresent(); copy = lastCopy(member, step, before, lineage)) {
      copies.add(0, copy.get());
      member = copy.get().parentId();
      step = copy.get().step();
      before = copy.get().seq();
    }
    String rootId = member;
    Optional<LineageRecord> firstOwn = lineage.stream().filter(r -> r.trialId().equals(rootId)).min(Comparator.comparingInt(LineageRecord::seq));
    TrialRecord root = trials.get(rootId);
    Map<String, Object> start = firstOwn.map(LineageRecord::oldParams).orElse(root.params());
    long seed = firstOwn.map(LineageRecord::oldSeed).orElse(root.seed());
    List<ReplaySettings.Change> changes = new ArrayList<>();
    for (LineageRecord copy : copies) {
      if (copy.newSeed() != seed) {
        throw new IllegalArgumentException(
            trialId + "'s line changes its seed from " + seed + " to " + copy.newSeed() + " where " + copy.trialId() + " copied "
                + copy.parentId() + " at step " + copy.step() + "; one trial cannot replay it");
      }
      Map<String, Object> params = new LinkedHashMap<>();
      varied.stream().filter(copy.newParams()::containsKey).forEach(name -> params.put(name, copy.newParams().get(name)));
      if (!changes.isEmpty() && changes.get(changes.size() - 1).step() == copy.step()) {
        // two copies at one step: the state is the first's source, the parameters the second's
        changes.remove(changes.size() - 1);
      }
      changes.add(new ReplaySettings.Change(copy.step(), params));
    }
    return new LineageTrace(start, seed, changes);
  }

  /**
   * The last copy {@code member} made at or before {@code step} and before the copy of seq {@code
   * before}: where its state at {@code step} came from when that copy took it (a later copy may
   * have replaced its checkpoint of that step).
   */
  private static Optional<LineageRecord> lastCopy(String member, long step, int before, List<LineageRecord> lineage) {
    return lineage.stream()
        .filter(r -> r.trialId().equals(member) && r.step() <= step && r.seq() < before)
        .max(Comparator.comparingInt(LineageRecord::seq));
  }
}
