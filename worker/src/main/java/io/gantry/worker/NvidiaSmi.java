package io.gantry.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the NVIDIA driver says of one GPU, through {@code nvidia-smi}, which needs no library of its own. */
final class NvidiaSmi {

  private NvidiaSmi() {}

  /**
   * The values of {@code fields} ({@code name}, {@code memory.used}, ...) for the physical GPU
   * {@code index}, without units; empty when nvidia-smi is missing or fails, as it does on a
   * machine without the driver. A field the driver does not give reads {@code [N/A]}.
   */
  static Optional<List<String>> query(String index, List<String> fields) {
    try {
      Process smi =
          new ProcessBuilder(
                  "nvidia-smi", "--query-gpu=" + String.join(",", fields), "--format=csv,noheader,nounits", "-i", index)
              .redirectErrorStream(true)
              .start();
      String out = new String(smi.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!smi.waitFor(10, TimeUnit.SECONDS) || smi.exitValue() != 0) {
        return Optional.empty();
      }
      List<String> values = List.of(out.split("\\s*,\\s*"));
      return values.size() == fields.size() ? Optional.of(values) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
