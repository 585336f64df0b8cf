package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.sweep.ReplaySettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator's side of {@code method: replay}: each run of the one trial ends at the next
 * change's step ({@link ReplaySettings#budgetFrom}), where it wrote its checkpoint; the trial then
 * goes back to the queue with the change's parameters and goes on from that checkpoint. Each change
 * is recorded as the trial copying its own checkpoint, so the replay's lineage reads as the
 * member's did. Owned by the coordinator actor.
 */
final class ReplayTraining {

  private final String sweepId;
  private final ReplaySettings replay;
  private final SweepJournal journal;
  private int changes;

  ReplayTraining(String sweepId, ReplaySettings replay, SweepJournal journal, int changesSoFar) {
    this.sweepId = sweepId;
    this.replay = replay;
    this.journal = journal;
    this.changes = changesSoFar;
  }

  /** Takes the change at {@code lastStep}, where the trial's run completed, if there is one: returns whether it did. */
  boolean completed(String trialId, long lastStep) {
    Optional<ReplaySettings.Change> change = replay.changeAt(lastStep);
    if (change.isEmpty()) {
      return false;
    }
    TrialState trial = journal.state().trials().get(trialId);
    Map<String, Object> params = new LinkedHashMap<>(trial.params());
    params.putAll(change.get().params());
    LineageRecord record =
        new LineageRecord(sweepId, trialId, ++changes, lastStep, trialId, trial.params(), params, trial.seed(), trial.seed(), Instant.now());
    String changed = record.changes(String::valueOf);
    journal.record(
        new SweepEvent.TrialExploited(sweepId, record, "replay: from step " + lastStep + (changed.isEmpty() ? ", as before" : ": " + changed)));
    return true;
  }
}
