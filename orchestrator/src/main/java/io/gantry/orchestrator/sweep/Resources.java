package io.gantry.orchestrator.sweep;

import java.util.Locale;
import java.util.Objects;

/**
 * The sweep file's {@code resources}: which workers may run the sweep's trials. Every worker is one
 * process driving one device, named like {@code cpu:0} or {@code gpu:3}, so a trial needs at most
 * one GPU and the device kind alone says where it can run.
 *
 * @param device the kind of device a worker must drive to run the sweep's trials
 */
public record Resources(DeviceKind device) {

  /** The kind of device a sweep asks for. Spelt {@code any}, {@code cpu}, {@code gpu}. */
  public enum DeviceKind {
    /** Any worker, whatever it drives. */
    ANY,
    /** Workers driving a CPU slot. */
    CPU,
    /** Workers driving a GPU. */
    GPU;

    /** The spelling used in sweep files, which is also how worker device names begin. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** No constraint: what a sweep file without {@code resources} asks for. */
  public static final Resources ANY = new Resources(DeviceKind.ANY);

  public Resources {
    Objects.requireNonNull(device, "device");
  }

  /** Whether a worker driving {@code workerDevice}, such as {@code gpu:3}, may run these trials. */
  public boolean accepts(String workerDevice) {
    return device == DeviceKind.ANY || workerDevice.startsWith(device.yamlName());
  }

  /** The workers that may run these trials, for messages: "any worker", "gpu workers". */
  public String describe() {
    return device == DeviceKind.ANY ? "any worker" : device.yamlName() + " workers";
  }
}
