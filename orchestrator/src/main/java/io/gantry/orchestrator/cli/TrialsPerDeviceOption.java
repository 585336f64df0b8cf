package io.gantry.orchestrator.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --trials-per-gpu K} (also spelt {@code --trials-per-device}): K worker processes per
 * device, each running a trial of its own there, for sweeps whose {@code gpu_fraction} lets K share
 * a GPU.
 */
final class TrialsPerDeviceOption {

  @Option(
      names = {"--trials-per-gpu", "--trials-per-device"},
      paramLabel = "K",
      defaultValue = "1",
      description = "worker processes per device, each with a trial of its own, for sweeps with gpu_fraction (default: ${DEFAULT-VALUE})")
  private int perDevice;

  int perDevice() {
    return perDevice;
  }

  /** What is wrong with the value given, if anything. */
  Optional<String> problem() {
    return perDevice >= 1
        ? Optional.empty()
        : Optional.of("--trials-per-gpu must be at least 1 (worker processes per device), not " + perDevice);
  }
}
