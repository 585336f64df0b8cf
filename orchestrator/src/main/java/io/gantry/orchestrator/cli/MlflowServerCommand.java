package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.tracking.MlflowServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gantry mlflow-server}: a local MLflow tracking server for {@code gantry run --mlflow}. */
@Command(
    name = "mlflow-server",
    description = "Run a local MLflow tracking server (sqlite, artifacts served by the server) until stopped.")
final class MlflowServerCommand implements Callable<Integer> {

  @Mixin private DataDirOption dataDir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "5000", description = "the port (default: ${DEFAULT-VALUE})")
  private int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "the address to listen on (default: ${DEFAULT-VALUE})")
  private String host;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    var out = command.commandLine().getOut();
    Path dir = dataDir.resolve().resolve("mlflow");
    MlflowServer server;
    try {
      server = MlflowServer.start(MlflowServer.defaultVenv(), host, port, dir, ProcessBuilder.Redirect.INHERIT);
    } catch (IllegalStateException e) {
      command.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    if (!server.awaitHealthy(Duration.ofMinutes(2))) {
      command.commandLine().getErr().println("MLflow did not come up on " + server.uri() + "; see its output above");
      server.close();
      return 1;
    }
    out.printf("MLflow %s at %s (runs in %s, artifacts in %s)%n", MlflowServer.VERSION, server.uri(), dir.resolve("mlflow.db"), dir.resolve("artifacts"));
    out.printf("track a sweep with: gantry run FILE --mlflow %s   (stop the server with Ctrl-C)%n", server.uri());
    out.flush();
    return server.waitFor();
  }
}
