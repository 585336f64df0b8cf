package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.http.WebServer;
import io.gantry.orchestrator.run.LocalService;
import io.gantry.orchestrator.store.H2RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gantry serve}: the web UI and its HTTP API for a data folder, until stopped. Sweeps
 * submitted there run on this machine, all at once on its worker processes, with the tracking
 * options given; sweeps a stopped process of the same folder left running go on.
 */
@Command(name = "serve", description = "Serve the web UI and the HTTP API for a data folder; sweeps submitted there run here.")
final class ServeCommand implements Callable<Integer> {

  @Mixin private DataDirOption dataDir;

  @Mixin private LocalRunOptions local;

  @Spec private CommandSpec command;

  @Override
  @SuppressWarnings("try") // the announcement only needs to last as long as the serve
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    Path data = dataDir.resolve();
    try {
      // checked now, not when the first submitted sweep starts
      local.tracking(data);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    PrintWriter out = command.commandLine().getOut();
    try (H2RunStore store = H2RunStore.open(data);
        LocalService service = local.startService(data);
        WebServer server = local.serve(store, data, out, service.service())) {
      if (server.port().isEmpty()) {
        return 1;
      }
      try (RunningServe.Announcement announced = RunningServe.announce(data, server.localUrl().orElseThrow(), server.token())) {
        out.println("serving " + store.file() + " until stopped (Ctrl-C); `gantry run` of this data folder runs its sweeps here");
        out.flush();
        server.sweeps().resumeLeftRunning(out, err);
        service.service().awaitTermination();
        return 0;
      }
    }
  }
}
