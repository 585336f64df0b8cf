package io.gantry.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.orchestrator.sweep.SweepSpecException;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry submit FILE --to HOST}: checks a sweep file here, then sends it to a running coordinator. */
@Command(name = "submit", description = "Send a sweep file to a running coordinator; it runs at once, beside the sweeps there.")
final class SubmitCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the sweep file")
  private Path file;

  @Mixin private CoordinatorAddress coordinator;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    String yaml;
    try {
      // checked here, so that errors name this file and its lines
      yaml = SweepSpecParser.parse(file).yamlText();
    } catch (SweepSpecException e) {
      err.println(e.getMessage());
      return GantryCli.EXIT_BAD_INPUT;
    }
    try {
      JsonNode answer =
          coordinator.call("/api/sweeps", HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8));
      out.printf("submitted %s as sweep %s to %s%n", file, answer.path("id").asText(), coordinator.url());
      out.printf("follow it at %s%s or with: gantry status --to %s%n", coordinator.url(), answer.path("url").asText().replaceFirst("^/", ""), coordinator.given());
      return 0;
    } catch (CoordinatorAddress.Refused e) {
      err.println(e.getMessage());
      return 1;
    }
  }
}
