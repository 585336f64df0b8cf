package io.gantry.bench;

import io.gantry.orchestrator.sweep.ParameterSpec;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.trial.TrialListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gantry's side of {@code bench/d2l-gan.sh}: the trial that {@code
 * experiments/gaussian-2d-gan.yaml} describes (every parameter fixed), run through the worker's
 * trial runner once per seed, as a sweep's trials run. A grid over seeds is not a sweep Gantry
 * runs: the seed is the sweep's, and a sweep never runs one configuration twice. Prints one line
 * per seed: the last {@code val/mean_error}, {@code val/cov_error}, and the last report of {@code
 * train/loss_d} and {@code train/loss_g}, which the file's {@code report_every} makes the last
 * epoch's means.
 *
 * <p>Usage: {@code D2lGanBenchmark SWEEP_FILE SEED...}.
 */
public final class D2lGanBenchmark {

  private static final String[] FIGURES = {
    "val/mean_error", "val/cov_error", "train/loss_d", "train/loss_g"
  };

  private D2lGanBenchmark() {}

  public static void main(String[] args) throws Exception {
    SweepSpec sweep = SweepSpecParser.parse(Path.of(args[0]));
    Map<String, Object> params = new LinkedHashMap<>();
    sweep
        .parameters()
        .forEach(
            (name, spec) -> {
              if (!(spec instanceof ParameterSpec.Fixed fixed)) {
                throw new IllegalArgumentException(name + " is not fixed in " + args[0]);
              }
              params.put(name, fixed.value());
            });
    Path dir = Files.createTempDirectory("gantry-d2l-gan");
    for (int i = 1; i < args.length; i++) {
      long seed = Long.parseLong(args[i]);
      TrialSpec spec =
          new TrialSpec(
              sweep.name(),
              "seed-" + seed,
              sweep.model(),
              sweep.dataset(),
              params,
              sweep.budget(),
              seed,
              sweep.reportEvery(),
              dir.resolve("seed-" + seed).toString());
      Last last = new Last();
      TrialOutcome outcome = new DjlTrialRunner().run(spec, last, () -> false);
      if (outcome.kind() != TrialOutcome.Kind.COMPLETED) {
        throw new IllegalStateException("seed " + seed + " ended " + outcome);
      }
      StringBuilder line = new StringBuilder("d2l-gan gantry " + seed);
      for (String figure : FIGURES) {
        line.append(String.format(Locale.ROOT, " %.4f", last.values.get(figure)));
      }
      System.out.println(line);
    }
  }

  /** Keeps the last value of every metric. */
  private static final class Last implements TrialListener {
    final Map<String, Double> values = new HashMap<>();

    @Override
    public void onMetrics(long step, int epoch, Map<String, Double> metrics) {
      values.putAll(metrics);
    }

    @Override
    public void onArtifact(String kind, int epoch, long step, Path path) {}
  }
}
