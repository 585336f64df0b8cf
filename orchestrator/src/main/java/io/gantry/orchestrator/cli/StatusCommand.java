package io.gantry.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gantry status}: a running coordinator's nodes, workers (busy or idle), GPUs (how much of
 * each its trials take, as several worker processes may share one) and unfinished sweeps.
 */
@Command(name = "status", description = "Show a running coordinator's nodes, workers and the sweeps it runs or has queued.")
final class StatusCommand implements Callable<Integer> {

  /** What {@code --json} prints. */
  private record Status(JsonNode cluster, JsonNode sweeps) {}

  @Mixin private CoordinatorAddress coordinator;

  @Option(names = "--json", description = "print {cluster, sweeps} as JSON")
  private boolean json;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = command.commandLine().getOut();
    JsonNode cluster;
    JsonNode sweeps;
    try {
      cluster = coordinator.call("/api/cluster", null);
      sweeps = coordinator.call("/api/sweeps", null);
    } catch (CoordinatorAddress.Refused e) {
      command.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    if (json) {
      out.println(Json.write(new Status(cluster, sweeps)));
      return 0;
    }
    TextTable nodes = new TextTable("NODE", "STATE", "ROLE");
    cluster.path("nodes").forEach(
        n -> nodes.row(List.of(n.path("address").asText(), n.path("state").asText(), n.path("coordinator").asBoolean() ? "coordinator" : "workers")));
    TextTable workers = new TextTable("WORKER", "HOST", "DEVICE", "THREADS", "MEMORY", "TRIAL");
    cluster.path("workers").forEach(
        w -> workers.row(
            List.of(
                w.path("id").asText(), w.path("host").asText(), device(w), w.path("threads").asText(),
                gib(w.path("memory_bytes").asLong()), w.path("trial").isNull() ? "idle" : w.path("trial").asText())));
    TextTable gpus = new TextTable("GPU", "HOST", "WORKERS", "TAKEN");
    cluster.path("gpus").forEach(
        g -> gpus.row(
            List.of(
                g.path("device").asText(), g.path("host").asText(), g.path("workers").asText(),
                String.format(Locale.ROOT, "%.2f", g.path("taken").asDouble()))));
    TextTable unfinished = new TextTable("SWEEP", "MODEL", "STATUS", "DONE", "RUNNING", "QUEUED");
    for (JsonNode s : sweeps) {
      if (!s.path("live").isNull() && !s.path("live").isMissingNode()) {
        JsonNode progress = s.path("progress");
        unfinished.row(
            List.of(
                s.path("id").asText(), s.path("model").asText(), s.path("live").asText(),
                progress.path("done").asText() + "/" + progress.path("total").asText(), progress.path("running").asText(),
                progress.path("queued").asText()));
      }
    }
    out.print(nodes.render());
    out.println();
    out.print(workers.render());
    out.println();
    if (!cluster.path("gpus").isEmpty()) {
      out.print(gpus.render());
      out.println();
    }
    out.print(unfinished.render());
    return 0;
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  /** {@code gpu:0 (NVIDIA H200, CUDA 12.6, driver 570.86)} for a GPU worker, the device alone for a CPU slot. */
  private static String device(JsonNode worker) {
    JsonNode gpu = worker.path("gpu");
    String device = worker.path("device").asText();
    if (gpu.isNull() || gpu.isMissingNode()) {
      return device;
    }
    return device + " (" + gpu.path("name").asText() + ", CUDA " + gpu.path("cuda").asText() + ", driver " + gpu.path("driver").asText() + ")";
  }
}
