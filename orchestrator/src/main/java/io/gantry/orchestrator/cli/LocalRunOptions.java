package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.http.SweepLauncher;
import io.gantry.orchestrator.http.WebServer;
import io.gantry.orchestrator.run.Devices;
import io.gantry.orchestrator.run.LocalService;
import io.gantry.orchestrator.service.SweepService;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepStatus;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.tracking.SweepTracking;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How {@code gantry run}, {@code gantry extend} and {@code gantry serve} run a stored sweep on this
 * machine: worker processes, the coordinator's port, tracking, the web UI; and what they print
 * while and after it runs.
 */
final class LocalRunOptions {

  @Mixin private MlflowOption mlflow;

  @Mixin private WebOptions web;

  @Option(names = "--workers", paramLabel = "N", description = "worker processes (default: the file's workers, else one per GPU, else cores / threads per trial)")
  private Integer workers;

  @Option(names = "--port", paramLabel = "PORT", description = "the coordinator's cluster port (default: a free one)")
  private int port;

  @Mixin private TrialsPerDeviceOption trialsPerDevice;

  /**
   * Tracking as {@code --mlflow} says, with its outbox in the store of {@code data}; asked for
   * before anything is written, so it checks the other options first.
   *
   * @throws IllegalArgumentException for a {@code --trials-per-gpu} below 1, or a URL that is no
   *     MLflow tracking server's
   */
  SweepTracking tracking(Path data) {
    trialsPerDevice.problem().ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    return mlflow.tracking(data);
  }

  /**
   * Runs the stored sweep of {@code plan} with a progress bar, on this process's sweep service and
   * worker processes of this machine (which also run the sweeps submitted to its web UI meanwhile),
   * then prints its leaderboard and where its results are. Returns the exit code: 0 when the sweep
   * reached its end.
   */
  int run(CommandSpec command, H2RunStore store, SweepSpec spec, SweepPlan plan, SweepTracking tracking, Path data) {
    Instant started = Instant.now();
    List<String> devices = devices(spec.workers(), spec.threadsPerTrial());
    if (devices.stream().noneMatch(spec.resources()::acceptsDevice)) {
      command.commandLine().getErr().printf(
          "sweep %s needs %s (resources in %s); this machine has %s%n", plan.sweepId(), spec.resources().describe(), spec.source(), devices);
      store.sweepEnded(plan.sweepId(), SweepStatus.CANCELLED, Instant.now());
      return GantryCli.EXIT_BAD_INPUT;
    }
    PrintWriter out = command.commandLine().getOut();
    int trials = store.trialLimit(plan.sweepId()).orElse(plan.maxTrials());
    out.printf("sweep %s: %d trial(s) of %s on %d worker(s) %s%n", plan.sweepId(), trials, spec.model(), devices.size(), devices);
    mlflow.server().ifPresent(url -> out.printf("tracking in MLflow at %s, experiment %s%n", url, spec.name()));
    Path logDir = data.resolve("logs").resolve(plan.sweepId());
    try (LocalService local = LocalService.start(devices, spec.threadsPerTrial(), port, logDir);
        WebServer webServer = serve(store, data, out, local.service())) {
      boolean ended = local.service().run(store, plan, tracking.linkingTo(webServer.publicUrl()), System.out, System.console() != null, webServer.sweeps());
      Optional<String> refusal = local.refusal();
      if (!ended && refusal.isPresent()) {
        command.commandLine().getErr().printf("sweep %s cannot run on this machine's workers: %s%n", plan.sweepId(), refusal.get());
        store.sweepEnded(plan.sweepId(), SweepStatus.CANCELLED, Instant.now());
        return GantryCli.EXIT_BAD_INPUT;
      }
      printResults(out, store, plan, started, logDir);
      webServer.awaitSubmitted(out);
      if (!ended) {
        command.commandLine().getErr().println(
            "the sweep stopped before it finished: the coordinator failed or every worker exited; see " + logDir);
        return 1;
      }
      return 0;
    }
  }

  /** The sweep's leaderboard, how long it took since {@code started}, and where its results are. */
  void printResults(PrintWriter out, H2RunStore store, SweepPlan plan, Instant started, Path logDir) {
    SweepReport report = SweepReport.of(store, store.sweep(plan.sweepId()).orElseThrow());
    out.println();
    out.print(report.leaderboard());
    out.printf("%nfinished in %ds%n", Duration.between(started, Instant.now()).toSeconds());
    out.println("results: store " + store.file() + ", artifacts " + plan.artifactDir() + ", worker logs " + logDir);
    out.println("details: gantry show " + plan.sweepId() + " [--json]");
    out.flush();
  }

  /**
   * Starts this machine's sweep service for {@code gantry serve}: worker processes as {@code
   * --workers} says (one thread each), their logs under {@code logs/serve/} of {@code data}.
   */
  LocalService startService(Path data) {
    return LocalService.start(devices(null, 1), 1, port, data.resolve("logs").resolve("serve"));
  }

  /**
   * Serves the web UI for the store of {@code data}, printing its address on {@code out}; sweeps
   * submitted there run on {@code service} beside the others.
   */
  WebServer serve(H2RunStore store, Path data, PrintWriter out, SweepService service) {
    SweepLauncher launcher =
        (spec, plan, observer, pages) -> {
          out.printf("sweep %s (submitted): %s%n", plan.sweepId(), spec.model());
          out.flush();
          return service.run(store, plan, tracking(data).linkingTo(pages), System.out, false, observer);
        };
    return WebServer.start(service.system(), web.settings(), store, data, launcher, mlflow.links(data), Optional.of(service.view()), out);
  }

  /**
   * {@code --workers} devices, else the sweep file's {@code workers}, else (0) one per device of
   * this machine; each listed {@code --trials-per-gpu} times, once per worker process it gets.
   */
  private List<String> devices(Integer fileWorkers, int threadsPerTrial) {
    Integer asked = workers != null ? workers : fileWorkers;
    return Devices.local(asked != null ? asked : 0, threadsPerTrial).stream()
        .flatMap(device -> Collections.nCopies(trialsPerDevice.perDevice(), device).stream())
        .toList();
  }
}
