package io.gantry.worker;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** Command-line options of a worker process; see {@link WorkerMain}. */
public record WorkerOptions(
    String joinHost, int joinPort, String bindHost, String device, int threads, String workerId, boolean exitWithParent,
    Optional<Path> scratch) {

  public static WorkerOptions parse(String[] args) {
    String join = null;
    String bindHost = "127.0.0.1";
    String device = "cpu:0";
    int threads = 1;
    String workerId = null;
    boolean exitWithParent = false;
    Optional<Path> scratch = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--join" -> join = value(args, ++i);
        case "--bind" -> bindHost = value(args, ++i);
        case "--device" -> device = value(args, ++i);
        case "--threads" -> threads = Integer.parseInt(value(args, ++i));
        case "--id" -> workerId = value(args, ++i);
        case "--exit-with-parent" -> exitWithParent = true;
        case "--scratch" -> scratch = Optional.of(Path.of(value(args, ++i)));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (join == null || !join.contains(":")) {
      throw new IllegalArgumentException("--join HOST:PORT is required");
    }
    int colon = join.lastIndexOf(':');
    String id = workerId != null ? workerId : device + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new WorkerOptions(
        join.substring(0, colon), Integer.parseInt(join.substring(colon + 1)), bindHost, device, threads, id, exitWithParent, scratch);
  }

  private static String value(String[] args, int index) {
    if (index >= args.length) {
      throw new IllegalArgumentException(args[index - 1] + " needs a value");
    }
    return args[index];
  }
}
