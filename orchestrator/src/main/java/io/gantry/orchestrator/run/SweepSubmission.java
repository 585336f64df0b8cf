package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.PopulationPlan;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.schedule.Exploitation;
import io.gantry.orchestrator.schedule.Objective;
import io.gantry.orchestrator.search.Exploration;
import io.gantry.orchestrator.schedule.TrialSchedulers;
import io.gantry.orchestrator.search.SearchStrategies;
import io.gantry.orchestrator.store.Objectives;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Turns a checked sweep file into a stored sweep and the plan its coordinator runs. The sweep
 * starts with no trials: the coordinator asks the search strategy for each one when a worker is
 * idle. Trial {@code n} (1-based) is seeded with {@code seed + n}, so every trial draws different
 * numbers and the same file gives the same trials again.
 */
public final class SweepSubmission {

  private SweepSubmission() {}

  /** Stores the sweep; returns what the coordinator needs to run it. */
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
            Optional.empty(),
            OptionalInt.of(spec.maxTrials()),
            objectivesOf(spec));
    store.createSweep(sweep, List.of());
    return planOf(spec, sweepId, artifactDir);
  }

  /** The spec's metrics and constraints as the store keeps them. */
  static Objectives objectivesOf(SweepSpec spec) {
    return new Objectives(
        spec.metrics().stream().map(m -> new Objectives.Target(m.name(), m.goal() == Goal.MAXIMIZE)).toList(),
        spec.constraints().stream().map(c -> new Objectives.Bound(c.metric(), c.min(), c.max())).toList());
  }

  /**
   * The sweep file of a stored sweep, read back from the store, its errors naming the file it was
   * submitted from.
   *
   * @throws SweepSpecException if the stored text no longer passes this version's checks
   */
  public static SweepSpec storedSpec(SweepRecord record) {
    Path source = Path.of(Optional.ofNullable(record.sourcePath()).orElse(record.name() + ".yaml"));
    return SweepSpecParser.parse(record.specYaml(), source);
  }

  /** The plan of the stored sweep {@code sweepId} of {@code spec}, with a fresh search strategy. */
  public static SweepPlan planOf(SweepSpec spec, String sweepId, Path artifactDir) {
    return new SweepPlan(
        sweepId, spec.model(), spec.dataset(), spec.budget(), spec.reportEvery(), artifactDir,
        // a replay's one trial, trial 1, trains with the seed the replayed member had
        spec.replay().map(r -> r.seed() - 1).orElse(spec.seed()),
        spec.maxTrials(), SearchStrategies.forSpec(spec), TrialSchedulers.forSpec(spec),
        spec.resources(), spec.scheduling(), populationOf(spec), spec.replay());
  }

  /** How a pbt sweep's members breed: by its metric's latest value, from a stream seeded by the sweep. */
  private static Optional<PopulationPlan> populationOf(SweepSpec spec) {
    return spec.pbt()
        .map(
            pbt ->
                new PopulationPlan(
                    new Exploitation(pbt, new Objective(spec.metric().name(), spec.metric().goal() == Goal.MAXIMIZE, false, 1), spec.budget().epochs()),
                    new Exploration(spec),
                    new Random(spec.seed() ^ 0x9b7L)));
  }
}
