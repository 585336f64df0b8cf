package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.Resources.DeviceKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code resources: {device: gpu | cpu | any, gpus_per_trial: 0 | 1, gpu_fraction: F}}. The
 * first two keys say the same thing in two ways ({@code gpus_per_trial: 1} is {@code device: gpu},
 * 0 is {@code cpu}), so they must agree; {@code device: any} leaves the choice to {@code
 * gpus_per_trial}. {@code gpu_fraction} (more than 0, at most 1) is how much of a GPU a trial takes,
 * so it means {@code device: gpu} too and must agree with both.
 */
final class ResourcesReader {

  private static final List<String> DEVICES =
      Arrays.stream(DeviceKind.values()).map(DeviceKind::yamlName).toList();

  private final NodeReader reader;

  ResourcesReader(NodeReader reader) {
    this.reader = reader;
  }

  Optional<Resources> read(Node node) {
    Optional<MappingFields> maybeFields =
        reader.mapping(
            node, "resources", "{device: gpu | cpu | any, gpus_per_trial: 0 | 1, gpu_fraction: 0 < F <= 1}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("device", "gpus_per_trial", "gpu_fraction"));
    Optional<DeviceKind> device = device(fields);
    Optional<Double> fraction =
        fields.optional("gpu_fraction").flatMap(n -> gpuFraction(n, fields.keyOf("gpu_fraction")));
    if (device.isEmpty() || fraction.isPresent() != fields.has("gpu_fraction")) {
      return Optional.empty();
    }
    if (fraction.isEmpty()) {
      return Optional.of(new Resources(device.get()));
    }
    if (device.get() == DeviceKind.CPU) {
      Node given = fields.optional("gpu_fraction").orElseThrow();
      // gpus_per_trial decides when both are given, as device may be any
      String contradicted = fields.has("gpus_per_trial") ? "gpus_per_trial: 0" : "device: cpu";
      reader.error(
          given,
          fields.keyOf("gpu_fraction"),
          "gpu_fraction " + reader.describe(given) + " means device gpu, which contradicts " + contradicted);
      return Optional.empty();
    }
    return Optional.of(Resources.gpuShare(fraction.get()));
  }

  /** The device kind {@code device} and {@code gpus_per_trial} agree on, {@code any} without either. */
  private Optional<DeviceKind> device(MappingFields fields) {
    String gpusKey = fields.keyOf("gpus_per_trial");
    Optional<DeviceKind> device =
        fields
            .optional("device")
            .flatMap(n -> reader.oneOf(n, fields.keyOf("device"), "device", DEVICES))
            .map(text -> DeviceKind.values()[DEVICES.indexOf(text)]);
    Optional<DeviceKind> byGpus =
        fields.optional("gpus_per_trial").flatMap(n -> deviceForGpus(n, gpusKey));
    boolean allRead =
        device.isPresent() == fields.has("device")
            && byGpus.isPresent() == fields.has("gpus_per_trial");
    if (!allRead) {
      return Optional.empty();
    }
    DeviceKind asked = device.orElse(DeviceKind.ANY);
    if (byGpus.isEmpty()) {
      return Optional.of(asked);
    }
    if (asked == DeviceKind.ANY || asked == byGpus.get()) {
      return byGpus;
    }
    Node gpus = fields.optional("gpus_per_trial").orElseThrow();
    reader.error(
        gpus,
        gpusKey,
        "gpus_per_trial "
            + reader.describe(gpus)
            + " means device "
            + byGpus.get().yamlName()
            + ", which contradicts device: "
            + asked.yamlName());
    return Optional.empty();
  }

  /** How much of a GPU a trial takes: more than none, at most the whole device. */
  private Optional<Double> gpuFraction(Node node, String key) {
    return reader
        .number(node, key)
        .filter(
            f -> {
              boolean inside = f > 0 && f <= 1;
              if (!inside) {
                reader.error(
                    node, key, "expected a fraction of a GPU, more than 0 and at most 1, got " + reader.describe(node));
              }
              return inside;
            });
  }

  /** The device kind a GPU count asks for: 0 a CPU slot, 1 a GPU. */
  private Optional<DeviceKind> deviceForGpus(Node node, String key) {
    // No upper bound here, so that 2 or 8 gets the reason rather than a bare "at most 1".
    Optional<Long> gpus = reader.integer(node, key, 0, Long.MAX_VALUE);
    if (gpus.isPresent() && gpus.get() > 1) {
      reader.error(
          node,
          key,
          "each worker drives one device, so a trial can use at most one GPU, got " + gpus.get());
      return Optional.empty();
    }
    return gpus.map(n -> n == 1 ? DeviceKind.GPU : DeviceKind.CPU);
  }
}
