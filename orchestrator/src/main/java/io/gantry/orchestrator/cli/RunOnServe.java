package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.coordinator.SweepProgress;
import io.gantry.orchestrator.run.ProgressPrinter;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.view.SweepSummary;
import io.gantry.orchestrator.view.TrialSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code gantry run} of a data folder a {@code gantry serve} serves: the sweep is stored here and
 * runs there, on the serve's workers beside its other sweeps, while this process follows it in the
 * store and prints its progress and then its leaderboard, as a run of its own would.
 */
final class RunOnServe {

  private static final Duration POLL = Duration.ofSeconds(1);

  private RunOnServe() {}

  /** Returns the exit code: 0 when the sweep reached its end, 1 when the serve refused it or stopped first. */
  static int run(PrintWriter out, PrintWriter err, H2RunStore store, SweepSpec spec, RunningServe serve, LocalRunOptions local, Path data)
      throws InterruptedException {
    Instant started = Instant.now();
    SweepPlan plan = SweepSubmission.submit(store, spec, data);
    String sweepId = plan.sweepId();
    HttpResponse<String> answer;
    try {
      answer = serve.post("/api/sweeps/" + sweepId + "/resume");
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || answer.statusCode() / 100 != 2) {
      // ended, so that the next serve of the folder does not take it for one left running
      store.sweepEnded(sweepId, SweepStatus.CANCELLED, Instant.now());
      err.printf(
          "the gantry serve at %s did not take sweep %s (%s); it is stored as cancelled%n",
          serve.url(), sweepId, answer == null ? "it did not answer" : answer.statusCode() + ": " + answer.body());
      return 1;
    }
    out.printf(
        "sweep %s: %d trial(s) of %s on the workers of the gantry serve at %s, beside its other sweeps"
            + " (its --workers, --port and --mlflow apply)%n",
        sweepId, plan.maxTrials(), spec.model(), serve.url());
    out.printf("follow it at %ssweep.html?id=%s; Ctrl-C stops following here, not the sweep%n", serve.url(), sweepId);
    out.flush();
    String shown = "";
    while (true) {
      SweepRecord sweep = store.sweep(sweepId).orElseThrow();
      SweepProgress progress = progress(SweepSummary.read(store, sweep));
      String line = ProgressPrinter.line(progress);
      if (!line.equals(shown)) {
        out.println(line);
        out.flush();
        shown = line;
      }
      if (progress.sweepFinished()) {
        break;
      }
      if (!serve.answers()) {
        err.printf(
            "the gantry serve at %s stopped; sweep %s stays running in the store and goes on with the next gantry serve of %s%n",
            serve.url(), sweepId, data);
        return 1;
      }
      Thread.sleep(POLL.toMillis());
    }
    local.printResults(out, store, plan, started, data.resolve("logs").resolve("serve"));
    return 0;
  }

  /** The sweep's progress as the read model has it, for the progress line a run of its own prints. */
  private static SweepProgress progress(SweepSummary summary) {
    Map<TrialStatus, Long> counts = summary.byStatus();
    OptionalDouble best = summary.best().map(TrialSummary::objective).orElse(OptionalDouble.empty());
    return new SweepProgress(
        summary.sweep().id(), summary.plannedTrials(), summary.done(), counts.get(TrialStatus.RUNNING), counts.get(TrialStatus.QUEUED),
        counts.get(TrialStatus.FAILED) + counts.get(TrialStatus.DIVERGED), summary.sweep().metricName(), best,
        summary.sweep().status() != SweepStatus.RUNNING);
  }
}
