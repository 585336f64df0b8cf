package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Exploitation;
import io.gantry.orchestrator.store.LineageRecord;
import io.gantry.protocol.trial.CheckpointFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.slf4j.Logger;

/**
 * The coordinator's side of population-based training: after each recorded report it asks
 * {@link Exploitation} whether the member copies another; such a member is stopped, and once its
 * worker has ended it, it takes a copy of the parent's first checkpoint at or after the member's
 * last step (the parent's state at the same point of training, so that every member trains its
 * budget and its history never goes back), the seed that checkpoint trained with and
 * the parameters {@link io.gantry.orchestrator.search.Exploration} makes of the parent's, and goes
 * back to the queue to go on from there. Each member's numeric varied parameters are also
 * metrics, {@code hp/NAME}, from step 0 (recorded as it first starts, once its MLflow run exists)
 * and from each exploit's step, so that a member's schedule shows as
 * curves here and in MLflow. Owned by the coordinator actor.
 */
final class PopulationTraining {

  private static final int MOST_MESSAGE = 2000;

  private final String sweepId;
  private final PopulationPlan plan;
  private final SweepJournal journal;
  private final TrialFiles files;
  private final Logger log;
  /** The exploit each member stopped for is to take once its worker has ended it. */
  private final Map<String, Exploitation.Exploit> exploiting = new HashMap<>();
  private int exploits;

  PopulationTraining(String sweepId, PopulationPlan plan, SweepJournal journal, TrialFiles files, int exploitsSoFar, Logger log) {
    this.sweepId = sweepId;
    this.plan = plan;
    this.journal = journal;
    this.files = files;
    this.exploits = exploitsSoFar;
    this.log = log;
  }

  /** The parameters of a member that starts for the first time (its run exists now), as metrics at step 0. */
  Optional<SweepEvent.MetricsReported> firstStarted(String trialId, Map<String, Object> params) {
    Map<String, Double> hp = hyperparameters(params);
    return hp.isEmpty() ? Optional.empty() : Optional.of(new SweepEvent.MetricsReported(sweepId, trialId, 0, 0, hp, System.currentTimeMillis()));
  }

  /** Whether the running {@code member}, whose report at {@code step} was just recorded, is to stop and copy another. */
  boolean copies(TrialState member, long step) {
    if (exploiting.containsKey(member.trialId())) {
      return false;
    }
    Map<String, Long> newest = new HashMap<>();
    for (TrialState trial : journal.state().trials().values()) {
      newestStep(trial.trialId()).ifPresent(s -> newest.put(trial.trialId(), s));
    }
    Optional<Exploitation.Exploit> exploit =
        plan.exploitation().onReport(member.history(), step, journal.state().histories(), newest, plan.random());
    exploit.ifPresent(e -> {
      log.info("sweep {}: trial {} stops to copy {}: {}", sweepId, member.trialId(), e.parentId(), e.reason());
      exploiting.put(member.trialId(), e);
    });
    return exploit.isPresent();
  }

  /** Forgets an exploit the member will not take: it was lost, stopped by hand, or ended otherwise. */
  void forget(String trialId) {
    exploiting.remove(trialId);
  }

  /**
   * Takes the exploit the stopped member waited for, if it did: returns whether it did, having
   * queued the member again, from the parent's checkpoint or, when that is now behind the
   * member or cannot be copied, from its own.
   */
  boolean stopped(String trialId) {
    Exploitation.Exploit exploit = exploiting.remove(trialId);
    if (exploit == null) {
      return false;
    }
    TrialState member = journal.state().trials().get(trialId);
    TrialState parent = journal.state().trials().get(exploit.parentId());
    try {
      Optional<Path> checkpoint = files.checkpointFrom(parent.trialId(), member.lastStep());
      if (checkpoint.isEmpty()) {
        journal.record(new SweepEvent.TrialRequeued(sweepId, trialId, "pbt: " + parent.trialId() + " has no checkpoint at step " + member.lastStep() + " or later; it goes on from its own"));
        return true;
      }
      long step = CheckpointFolders.step(checkpoint.get());
      Properties copied = CheckpointFolders.read(checkpoint.get());
      files.adoptCheckpoint(trialId, checkpoint.get());
      Map<String, Object> params = plan.exploration().explore(parent.params(), plan.random());
      // the seed the copied checkpoint trained with: the parent's now may be that of a later copy of its own
      long seed = Long.parseLong(copied.getProperty("seed", Long.toString(parent.seed())));
      LineageRecord record =
          new LineageRecord(sweepId, trialId, ++exploits, step, parent.trialId(), member.params(), params, member.seed(), seed, Instant.now());
      int epoch = Integer.parseInt(copied.getProperty("position.epoch", "0"));
      journal.record(
          List.of(
              new SweepEvent.TrialExploited(sweepId, record, message(record, exploit)),
              new SweepEvent.MetricsReported(sweepId, trialId, step, epoch, hyperparameters(params), System.currentTimeMillis())),
          applied -> {});
    } catch (IOException e) {
      log.warn("sweep {}: trial {} cannot copy the checkpoint of {}: {}", sweepId, trialId, parent.trialId(), e.getMessage());
      journal.record(new SweepEvent.TrialRequeued(sweepId, trialId, "pbt: the checkpoint of " + parent.trialId() + " cannot be copied; it goes on from its own"));
    }
    return true;
  }

  private OptionalLong newestStep(String trialId) {
    try {
      Optional<Path> newest = files.newestCheckpoint(trialId);
      return newest.isPresent() ? OptionalLong.of(CheckpointFolders.step(newest.get())) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code pbt: copied t003 at step 1500 (...): lr_g 0.0002 -> 0.00024}, within the store's 2,000 characters. */
  private static String message(LineageRecord record, Exploitation.Exploit exploit) {
    String changes = record.changes(String::valueOf);
    String text = "pbt: copied " + record.parentId() + " at step " + record.step() + " (" + exploit.reason().substring("pbt: ".length()) + ")"
        + (changes.isEmpty() ? "" : ": " + changes);
    return text.length() <= MOST_MESSAGE ? text : text.substring(0, MOST_MESSAGE - 3) + "...";
  }

  private Map<String, Double> hyperparameters(Map<String, Object> params) {
    return Hyperparameters.asMetrics(plan.exploration().varied(), params);
  }
}
