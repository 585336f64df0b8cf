package io.gantry.worker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The machine and device a trial runs on, sampled as {@code system/...} metrics under the names
 * MLflow gives its own system metrics ({@code system/cpu_utilization_percentage}, {@code
 * system/gpu_0_utilization_percentage}, ...), plus the worker process's own CPU and resident memory.
 * A sample is taken with the trial's first report and then with the first report at least {@link
 * #EVERY_NANOS} after the last sample, at that report's step: the store and MLflow keep one value
 * per metric and step, and a resumed trial's repeated steps are dropped, so samples ride on the
 * trial's own steps rather than on a clock of their own. A GPU's numbers come from {@code nvidia-smi}
 * (utilisation, memory used and its peak over the trial, power, temperature, where the driver gives
 * them); {@code gpu_0} is the worker's GPU, device 0 of its process as MLflow would name it there.
 */
final class SystemSampler {

  /** Seconds between samples, at least. */
  static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final String PREFIX = "system/";
  private static final String GPU = PREFIX + "gpu_0_";
  private static final double MB = 1024.0 * 1024.0;

  /** What nvidia-smi is asked of the GPU, in this order. */
  static final List<String> GPU_FIELDS =
      List.of("utilization.gpu", "memory.used", "memory.total", "power.draw", "power.limit", "temperature.gpu");

  private final LongSupplier nanoClock;
  private final Supplier<Optional<List<String>>> nvidiaSmi;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final int cores = Runtime.getRuntime().availableProcessors();
  private long lastSampleNanos;
  private long lastCpuNanos;
  private boolean sampled;
  private double gpuMemoryPeak;

  private SystemSampler(LongSupplier nanoClock, Supplier<Optional<List<String>>> nvidiaSmi) {
    this.nanoClock = nanoClock;
    this.nvidiaSmi = nvidiaSmi;
    this.lastSampleNanos = nanoClock.getAsLong();
    this.lastCpuNanos = os.getProcessCpuTime();
    // the machine's load is measured from one call to the next: this call starts the first interval
    os.getCpuLoad();
  }

  /** A sampler for a trial that starts now on {@code device} ({@code cpu:N} or {@code gpu:N}). */
  static SystemSampler forDevice(String device) {
    Supplier<Optional<List<String>>> smi =
        device.startsWith("gpu:") ? () -> NvidiaSmi.query(device.substring("gpu:".length()), GPU_FIELDS) : Optional::empty;
    return new SystemSampler(System::nanoTime, smi);
  }

  /** A sampler reading time from {@code nanoClock} and the GPU's {@link #GPU_FIELDS} from {@code nvidiaSmi}. */
  static SystemSampler of(LongSupplier nanoClock, Supplier<Optional<List<String>>> nvidiaSmi) {
    return new SystemSampler(nanoClock, nvidiaSmi);
  }

  /** {@code metrics} with a sample added when one is due; a copy, the given map is left alone. */
  synchronized Map<String, Double> withSampleIfDue(Map<String, Double> metrics) {
    long now = nanoClock.getAsLong();
    if (sampled && now - lastSampleNanos < EVERY_NANOS) {
      return metrics;
    }
    Map<String, Double> with = new LinkedHashMap<>(metrics);
    long cpu = os.getProcessCpuTime();
    with.put(PREFIX + "process_cpu_utilization_percentage", processCpuPercent(cpu - lastCpuNanos, now - lastSampleNanos, cores));
    with.put(PREFIX + "process_memory_rss_megabytes", residentBytes() / MB);
    double machineCpu = os.getCpuLoad();
    if (machineCpu >= 0) {
      with.put(PREFIX + "cpu_utilization_percentage", 100 * machineCpu);
    }
    long used = os.getTotalMemorySize() - os.getFreeMemorySize();
    with.put(PREFIX + "system_memory_usage_megabytes", used / MB);
    with.put(PREFIX + "system_memory_usage_percentage", 100.0 * used / os.getTotalMemorySize());
    nvidiaSmi.get().ifPresent(fields -> with.putAll(gpuMetrics(fields)));
    lastSampleNanos = now;
    lastCpuNanos = cpu;
    sampled = true;
    return with;
  }

  /** The process's share of the machine's cores over an interval, in percent. */
  static double processCpuPercent(long cpuNanos, long wallNanos, int cores) {
    return wallNanos <= 0 ? 0 : 100.0 * cpuNanos / ((double) wallNanos * cores);
  }

  /** The metrics of the values of {@link #GPU_FIELDS}, less those the driver does not give ({@code [N/A]}). */
  Map<String, Double> gpuMetrics(List<String> values) {
    List<Optional<Double>> f = values.stream().map(SystemSampler::number).toList();
    Map<String, Double> gpu = new LinkedHashMap<>();
    f.get(0).ifPresent(v -> gpu.put(GPU + "utilization_percentage", v));
    f.get(1).ifPresent(
        used -> {
          gpuMemoryPeak = Math.max(gpuMemoryPeak, used);
          gpu.put(GPU + "memory_usage_megabytes", used);
          gpu.put(GPU + "memory_peak_megabytes", gpuMemoryPeak);
          f.get(2).ifPresent(total -> gpu.put(GPU + "memory_usage_percentage", 100 * used / total));
        });
    f.get(3).ifPresent(
        watts -> {
          gpu.put(GPU + "power_usage_watts", watts);
          f.get(4).ifPresent(limit -> gpu.put(GPU + "power_usage_percentage", 100 * watts / limit));
        });
    f.get(5).ifPresent(v -> gpu.put(GPU + "temperature_celsius", v));
    return gpu;
  }

  private static Optional<Double> number(String field) {
    try {
      return Optional.of(Double.parseDouble(field.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** VmRSS of /proc/self/status where there is one (Linux); else the JVM's committed heap, a floor. */
  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: the heap below
    }
    return Runtime.getRuntime().totalMemory();
  }
}
