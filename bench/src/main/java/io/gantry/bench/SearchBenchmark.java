package io.gantry.bench;

import io.gantry.orchestrator.cli.GantryCli;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.orchestrator.store.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Early stopping and search on a real sweep: the VAE sweeps of {@code bench/asha/} run through
 * {@code gantry run}, then read back from the store. ASHA against the full-budget grid: the
 * training (in optimisation steps) ASHA spent by the time a trial within 1 % of the grid's best
 * completed, and in all, as shares of the grid's. TPE against random search: how many trials each
 * took to come within 1 % of the best value either found.
 *
 * <p>Usage: {@code SearchBenchmark BENCH_ASHA_DIR [DATA_DIR]}.
 */
public final class SearchBenchmark {

  private static final double WITHIN = 0.01;

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path sweeps = Path.of(args[0]);
    Path data = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("gantry-bench-search");
    for (String name : List.of("grid", "asha", "random", "tpe")) {
      int code = GantryCli.execute("run", sweeps.resolve(name + ".yaml").toString(), "--data-dir", data.toString());
      if (code != 0) {
        throw new IllegalStateException("the " + name + " sweep failed with exit code " + code);
      }
    }
    try (H2RunStore store = H2RunStore.open(data)) {
      Sweep grid = Sweep.read(store, "bench-vae-grid");
      Sweep asha = Sweep.read(store, "bench-vae-asha");
      TrialRecord gridBest = grid.best().orElseThrow();
      double target = grid.valueOf(gridBest);
      Optional<TrialRecord> found =
          asha.completed().filter(t -> near(asha.valueOf(t), target)).min(Comparator.comparing(t -> t.finishedAt().orElseThrow()));
      System.out.printf(Locale.ROOT, "%ngrid: %d trials, %d steps; best val/elbo %.2f (%s)%n",
          grid.trials().size(), grid.steps(), target, gridBest.trialId());
      System.out.printf(Locale.ROOT, "asha: %d trials (%d stopped early), %d steps in all = %.1f %% of the grid's; best completed %.2f (%s)%n",
          asha.trials().size(), asha.trials().stream().filter(t -> t.stopRung().isPresent()).count(), asha.steps(),
          100.0 * asha.steps() / grid.steps(), asha.valueOf(asha.best().orElseThrow()), asha.best().orElseThrow().trialId());
      found.ifPresentOrElse(
          t -> System.out.printf(Locale.ROOT, "asha found %s (%.2f, within 1 %% of the grid's best) having spent %d steps = %.1f %% of the grid's compute%n",
              t.trialId(), asha.valueOf(t), asha.stepsBefore(t.finishedAt().orElseThrow()), 100.0 * asha.stepsBefore(t.finishedAt().orElseThrow()) / grid.steps()),
          () -> System.out.println("asha found no trial within 1 % of the grid's best"));
      Sweep random = Sweep.read(store, "bench-vae-random");
      Sweep tpe = Sweep.read(store, "bench-vae-tpe");
      double best = Math.max(random.valueOf(random.best().orElseThrow()), tpe.valueOf(tpe.best().orElseThrow()));
      for (Sweep search : List.of(random, tpe)) {
        System.out.printf(Locale.ROOT, "%s: best %.2f; first within 1 %% of the best either found (%.2f): %s%n",
            search.record().method(), search.valueOf(search.best().orElseThrow()), best,
            search.completed().filter(t -> near(search.valueOf(t), best)).map(t -> "trial " + t.seq() + " of " + search.trials().size())
                .findFirst().orElse("never"));
      }
    }
  }

  private static boolean near(double value, double target) {
    return Math.abs(value - target) <= WITHIN * Math.abs(target);
  }

  /** A finished sweep read back: its trials in order and their final values of val/elbo. */
  private record Sweep(SweepRecord record, List<TrialRecord> trials, H2RunStore store) {

    static Sweep read(H2RunStore store, String name) {
      SweepRecord record = store.sweep(name).orElseThrow();
      return new Sweep(record, store.trials(record.id()), store);
    }

    java.util.stream.Stream<TrialRecord> completed() {
      return trials.stream().filter(t -> t.status() == TrialStatus.COMPLETED);
    }

    Optional<TrialRecord> best() {
      return completed().max(Comparator.comparingDouble(this::valueOf));
    }

    double valueOf(TrialRecord trial) {
      List<MetricPoint> elbo = metrics(trial).stream().filter(p -> p.name().equals(record.metricName())).toList();
      return elbo.get(elbo.size() - 1).value();
    }

    long steps() {
      return trials.stream().mapToLong(TrialRecord::lastStep).sum();
    }

    /** Steps trained by all trials by {@code time}, as far as their reports tell. */
    long stepsBefore(Instant time) {
      return trials.stream()
          .mapToLong(t -> metrics(t).stream().filter(p -> p.timestampMillis() <= time.toEpochMilli()).mapToLong(MetricPoint::step).max().orElse(0))
          .sum();
    }

    private List<MetricPoint> metrics(TrialRecord trial) {
      return store.metrics(record.id(), trial.trialId());
    }
  }
}
