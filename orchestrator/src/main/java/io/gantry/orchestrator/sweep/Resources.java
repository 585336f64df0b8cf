package io.gantry.orchestrator.sweep;

import io.gantry.protocol.WorkerInfo;
import java.util.Locale;
import java.util.Objects;

/**
 * Which workers may run the sweep's trials: the sweep file's {@code resources} and its {@code
 * threads_per_trial}. Every worker is one process driving one device, named like {@code cpu:0} or
 * {@code gpu:3}, so a trial needs at most one GPU and the device kind says where it can run; and it
 * trains with its worker's threads, so it runs only where there are as many as the file asks.
 * Several worker processes may serve one GPU, so a trial may take only a fraction of it ({@code
 * gpu_fraction}); the coordinator never places more trials on a GPU than add up to the whole.
 *
 * @param device the kind of device a worker must drive to run the sweep's trials
 * @param threads how many compute threads a worker must train with, at least
 * @param gpuFraction how much of its GPU a trial takes, in (0, 1]: 1 (the whole device) unless the
 *     file says otherwise; only a GPU sweep takes less, as CPU slots are not shared by fractions
 */
public record Resources(DeviceKind device, int threads, double gpuFraction) {

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
    if (threads < 1) {
      throw new IllegalArgumentException("a worker trains with one thread at least, not " + threads);
    }
    if (!(gpuFraction > 0 && gpuFraction <= 1)) {
      throw new IllegalArgumentException("a trial takes more than none and at most all of a GPU, not " + gpuFraction);
    }
    if (gpuFraction < 1 && device != DeviceKind.GPU) {
      throw new IllegalArgumentException("only a gpu sweep takes a fraction of a device, not a " + device.yamlName() + " one");
    }
  }

  /** Workers driving {@code device}, with any number of threads, a trial taking the whole device. */
  public Resources(DeviceKind device) {
    this(device, 1);
  }

  /** Workers driving {@code device}, with at least {@code threads} threads, a trial taking the whole device. */
  public Resources(DeviceKind device, int threads) {
    this(device, threads, 1.0);
  }

  /** Trials taking {@code fraction} of a GPU each. */
  public static Resources gpuShare(double fraction) {
    return new Resources(DeviceKind.GPU, 1, fraction);
  }

  /** These resources, on workers of at least {@code atLeast} threads. */
  public Resources withThreads(int atLeast) {
    return new Resources(device, atLeast, gpuFraction);
  }

  /** Whether {@code worker} may run these trials: it drives such a device, with enough threads. */
  public boolean accepts(WorkerInfo worker) {
    return acceptsDevice(worker.device()) && worker.threads() >= threads;
  }

  /** Whether a worker driving {@code workerDevice}, such as {@code gpu:3}, drives the device these trials need. */
  public boolean acceptsDevice(String workerDevice) {
    return device == DeviceKind.ANY || workerDevice.startsWith(device.yamlName());
  }

  /**
   * The workers that may run these trials, for messages: "any worker", "gpu workers of at least 4
   * threads", "gpu workers, 0.25 of a GPU per trial".
   */
  public String describe() {
    String kind = device == DeviceKind.ANY ? "any worker" : device.yamlName() + " workers";
    String withThreads = threads == 1 ? kind : kind + " of at least " + threads + " threads";
    return gpuFraction == 1 ? withThreads : withThreads + ", " + gpuFraction + " of a GPU per trial";
  }
}
