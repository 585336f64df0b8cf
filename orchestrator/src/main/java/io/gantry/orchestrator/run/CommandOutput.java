package io.gantry.orchestrator.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a short command of this machine prints ({@code nvidia-smi -L}, {@code ldconfig -p}, {@code
 * git rev-parse}), for the questions Gantry asks the machine without a library of its own.
 */
public final class CommandOutput {

  private CommandOutput() {}

  /**
   * The standard output and error of {@code command}, if it ran and exited 0 within 10 s; empty
   * when it is missing, fails or hangs, which to every caller means the machine lacks what it asked
   * about.
   */
  public static Optional<String> of(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
