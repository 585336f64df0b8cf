package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.TrialHistory;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.orchestrator.sweep.ReplaySettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coordinator's side of {@code method: replay}: each run of the one trial ends at the next
 * change's step ({@link ReplaySettings#budgetFrom}), where it wrote its checkpoint; the trial then
 * goes back to the queue with the change's parameters and goes on from that checkpoint. Each change
 * is recorded as the trial copying its own checkpoint, so the replay's lineage reads as the
 * member's did, and the values the changes set are metrics {@code hp/NAME} from step 0 and from
 * each change's step, as a member's are. Owned by the coordinator actor.
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

  /** The parameters the changes set, as metrics at step 0, for the trial that starts for the first time. */
  Optional<SweepEvent.MetricsReported> firstStarted(String trialId, Map<String, Object> params) {
    Map<String, Double> hp = Hyperparameters.asMetrics(changed(), params);
    return hp.isEmpty() ? Optional.empty() : Optional.of(new SweepEvent.MetricsReported(sweepId, trialId, 0, 0, hp, System.currentTimeMillis()));
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
    List<TrialHistory.Report> reports = trial.history().reports();
    int epoch = reports.isEmpty() ? 0 : reports.get(reports.size() - 1).epoch();
    journal.record(
        List.of(
            new SweepEvent.TrialExploited(sweepId, record, "replay: from step " + lastStep + (changed.isEmpty() ? ", as before" : ": " + changed)),
            new SweepEvent.MetricsReported(sweepId, trialId, lastStep, epoch, Hyperparameters.asMetrics(changed(), params), System.currentTimeMillis())),
        applied -> {});
    return true;
  }

  /** Every parameter some change sets, in the order the changes first set them. */
  private Set<String> changed() {
    Set<String> names = new LinkedHashSet<>();
    replay.changes().forEach(c -> names.addAll(new TreeSet<>(c.params().keySet())));
    return names;
  }
}
