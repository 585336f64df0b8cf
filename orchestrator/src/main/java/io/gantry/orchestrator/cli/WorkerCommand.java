package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.cluster.WorkerNode;
import io.gantry.orchestrator.run.Devices;
import io.gantry.orchestrator.run.WorkerLaunch;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gantry worker --join HOST:PORT}: this machine's devices join a cluster, one worker
 * process per device (or {@code --trials-per-gpu} of them, each running a trial of its own on the
 * device), until stopped. A worker that exits (it lost the coordinator, or crashed) is started again
 * and joins as soon as the coordinator answers; one that refuses its device (a GPU its engine cannot
 * see) ends the command with its reason, exit status 2.
 */
@Command(name = "worker", description = "Join a cluster's coordinator with one worker process per device of this machine.")
final class WorkerCommand implements Callable<Integer> {

  @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "the coordinator's cluster address")
  private String join;

  @Option(names = "--devices", split = ",", paramLabel = "DEVICE", description = "the devices to serve, e.g. gpu:0,gpu:1 or cpu:0,cpu:1 (default: every GPU nvidia-smi lists, else cores / --threads CPU slots)")
  private List<String> devices;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "compute threads per worker (default: ${DEFAULT-VALUE})")
  private int threads;

  @Mixin private TrialsPerDeviceOption trialsPerDevice;

  @Option(names = "--name", paramLabel = "NAME", description = "this node's name in worker ids, NAME/gpu-0 (default: the host name)")
  private String name;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "the address the coordinator reaches this machine's workers at (default: ${DEFAULT-VALUE})")
  private String host;

  @Mixin private DataDirOption dataDir;

  @Spec private CommandSpec command;

  @Override
  public Integer call() throws InterruptedException, UnknownHostException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Matcher address = Pattern.compile("(.+):(\\d{1,5})").matcher(join);
    if (!address.matches()) {
      err.println("--join takes the coordinator's HOST:PORT, e.g. 10.0.0.5:2551, not '" + join + "'");
      return GantryCli.EXIT_BAD_INPUT;
    }
    if (threads < 1) {
      err.println("--threads must be at least 1");
      return GantryCli.EXIT_BAD_INPUT;
    }
    if (trialsPerDevice.problem().isPresent()) {
      err.println(trialsPerDevice.problem().get());
      return GantryCli.EXIT_BAD_INPUT;
    }
    List<String> served = devices != null && !devices.isEmpty() ? devices : Devices.local(0, threads);
    for (String device : served) {
      if (!device.matches("(cpu|gpu):\\d+")) {
        err.println("--devices takes devices such as gpu:0 or cpu:1, not '" + device + "'");
        return GantryCli.EXIT_BAD_INPUT;
      }
    }
    String node = name != null ? name : InetAddress.getLocalHost().getHostName();
    WorkerLaunch launch = new WorkerLaunch(address.group(1), Integer.parseInt(address.group(2)), host, threads);
    Path logDir = dataDir.resolve().resolve("logs").resolve("worker-node");
    try (WorkerNode workers = WorkerNode.start(launch, node, served, trialsPerDevice.perDevice(), logDir, out)) {
      out.printf(
          "%d worker(s) %s of %s joining %s; logs in %s%n", workers.workerIds().size(), workers.workerIds(), node, join, logDir);
      out.flush();
      workers.awaitClose();
      if (workers.refusal().isPresent()) {
        err.println(workers.refusal().get());
        return GantryCli.EXIT_BAD_INPUT;
      }
    }
    return 0;
  }
}
