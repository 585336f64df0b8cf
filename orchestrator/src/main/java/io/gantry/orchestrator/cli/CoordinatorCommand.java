package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.http.SweepLauncher;
import io.gantry.orchestrator.http.WebServer;
import io.gantry.orchestrator.http.WebSettings;
import io.gantry.orchestrator.service.SweepService;
import io.gantry.orchestrator.store.H2RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gantry coordinator}: the head node of a cluster. Workers of any machine join it with
 * {@code gantry worker --join}; sweeps sent with {@code gantry submit} (or the web UI) all run on
 * them at once, sharing them by priority and fair share. Sweeps a previous coordinator of the same
 * data folder left running go on, their interrupted trials resuming from their checkpoints.
 */
@Command(name = "coordinator", description = "Start a cluster's coordinator: workers join it, submitted sweeps run on them.")
final class CoordinatorCommand implements Callable<Integer> {

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "the address workers reach this node at (default: ${DEFAULT-VALUE})")
  private String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "2551", description = "the cluster port (default: ${DEFAULT-VALUE})")
  private int port;

  @Option(names = "--http-host", paramLabel = "ADDRESS", description = "the address the web UI and API bind; any but loopback needs a token (default: --host)")
  private String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + WebSettings.DEFAULT_PORT, description = "the web UI's and API's port (default: ${DEFAULT-VALUE})")
  private int httpPort;

  @Option(names = "--token", paramLabel = "TOKEN", description = "the token the API asks for to submit or change anything (default: none on loopback, else one made up and printed)")
  private String token;

  @Mixin private DataDirOption dataDir;

  @Mixin private MlflowOption mlflow;

  @Spec private CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Path data = dataDir.resolve();
    try {
      // checked now, not when the first sweep starts
      mlflow.tracking(data);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    WebSettings web = WebSettings.of(httpHost != null ? httpHost : host, httpPort, token);
    try (H2RunStore store = H2RunStore.open(data);
        SweepService cluster = SweepService.start(host, port)) {
      SweepLauncher launcher =
          (spec, plan, observer, pages) -> {
            out.printf("sweep %s: %s, on the cluster's workers%n", plan.sweepId(), spec.model());
            out.flush();
            return cluster.run(store, plan, mlflow.tracking(data).linkingTo(pages), System.out, false, observer);
          };
      try (WebServer server = WebServer.start(cluster.system(), web, store, data, launcher, mlflow.links(data), Optional.of(cluster.view()), out)) {
        if (server.port().isEmpty()) {
          return 1;
        }
        out.printf("coordinator of %s listening on %s:%d; workers join with: gantry worker --join %s:%d%n", store.file(), host, cluster.port(), host, cluster.port());
        out.flush();
        server.sweeps().resumeLeftRunning(out, err);
        cluster.awaitTermination();
        return 0;
      }
    }
  }
}
