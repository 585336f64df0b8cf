package io.gantry.orchestrator.run;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The devices local workers serve: one per GPU that {@code nvidia-smi} lists, else CPU slots of
 * {@code threadsPerTrial} cores each. Asking nvidia-smi keeps the coordinator free of libtorch.
 */
public final class Devices {

  private Devices() {}

  /** {@code workers} devices, or as many as this machine has when {@code workers} is 0. */
  public static List<String> local(int workers, int threadsPerTrial) {
    int gpus = gpuCount();
    if (gpus > 0) {
      int count = workers > 0 ? Math.min(workers, gpus) : gpus;
      return IntStream.range(0, count).mapToObj(i -> "gpu:" + i).toList();
    }
    int slots = Math.max(1, Runtime.getRuntime().availableProcessors() / threadsPerTrial);
    int count = workers > 0 ? workers : slots;
    return IntStream.range(0, count).mapToObj(i -> "cpu:" + i).toList();
  }

  private static int gpuCount() {
    return CommandOutput.of("nvidia-smi", "-L").map(out -> (int) out.lines().filter(line -> line.startsWith("GPU ")).count()).orElse(0);
  }
}
