package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.Resources.DeviceKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code resources: {device: gpu | cpu | any, gpus_per_trial: 0 | 1}}. The two keys say the
 * same thing in two ways ({@code gpus_per_trial: 1} is {@code device: gpu}, 0 is {@code cpu}), so
 * they must agree; {@code device: any} leaves the choice to {@code gpus_per_trial}.
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
        reader.mapping(node, "resources", "{device: gpu | cpu | any, gpus_per_trial: 0 | 1}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("device", "gpus_per_trial"));
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
      return Optional.of(new Resources(asked));
    }
    if (asked == DeviceKind.ANY || asked == byGpus.get()) {
      return Optional.of(new Resources(byGpus.get()));
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
