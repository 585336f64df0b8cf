package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.sweep.SearchStrategies;
import io.gantry.orchestrator.sweep.SearchStrategy;
import io.gantry.orchestrator.sweep.SweepSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a checked sweep file into a stored sweep with all its trials queued. Trial {@code n}
 * (1-based) is seeded with {@code seed + n}, so every trial draws different numbers and the
 * same file gives the same trials again.
 */
public final class SweepSubmission {

  private SweepSubmission() {}

  /** Stores the sweep and its planned trials; returns what the coordinator needs to run it. */
  public static SweepPlan submit(RunStore store, SweepSpec spec, Path dataDir) {
    String sweepId = store.newSweepId(spec.name());
    Path artifactDir = dataDir.toAbsolutePath().resolve("artifacts").resolve(sweepId);
    SweepRecord sweep =
        new SweepRecord(
            sweepId,
            spec.name(),
            spec.model(),
            spec.method().yamlName(),
            spec.metric().name(),
            spec.metric().goal().yamlName(),
            SweepStatus.RUNNING,
            spec.yamlText(),
            spec.source().toAbsolutePath().toString(),
            artifactDir.toString(),
            Instant.now(),
            Optional.empty());
    store.createSweep(sweep, plannedTrials(sweepId, spec));
    return planOf(spec, sweepId, artifactDir);
  }

  public static SweepPlan planOf(SweepSpec spec, String sweepId, Path artifactDir) {
    return new SweepPlan(sweepId, spec.model(), spec.dataset(), spec.budget(), spec.reportEvery(), artifactDir);
  }

  private static List<TrialRecord> plannedTrials(String sweepId, SweepSpec spec) {
    SearchStrategy search = SearchStrategies.forSpec(spec);
    List<TrialRecord> trials = new ArrayList<>();
    Optional<Map<String, Object>> params = search.ask();
    while (params.isPresent() && trials.size() < spec.maxTrials()) {
      int seq = trials.size() + 1;
      trials.add(TrialRecord.queued(sweepId, trialId(seq), seq, params.get(), spec.seed() + seq));
      params = search.ask();
    }
    return trials;
  }

  private static String trialId(int seq) {
    return String.format("t%03d", seq);
  }
}
