package io.gantry.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who a worker is: a stable id, the host it runs on and its device, with how many threads it
 * trains, its process id, the memory of its device (the GPU's, or the machine's for a CPU slot), and
 * for a GPU worker what it found of its GPU ({@code gpu} is null for a CPU slot).
 */
public record WorkerInfo(String workerId, String host, String device, int threads, long pid, long memoryBytes, GpuDetails gpu)
    implements CborSerializable {

  /** A worker driving a CPU slot, or one whose GPU is not described. */
  public WorkerInfo(String workerId, String host, String device, int threads, long pid, long memoryBytes) {
    this(workerId, host, device, threads, pid, memoryBytes, null);
  }

  /** This process, serving a CPU slot {@code device} of a machine with {@code memoryBytes}. */
  public static WorkerInfo ofThisProcess(String workerId, String device, int threads, long memoryBytes) {
    return new WorkerInfo(workerId, hostName(), device, threads, ProcessHandle.current().pid(), memoryBytes);
  }

  /** This process, serving the GPU {@code device} that it found as {@code gpu}. */
  public static WorkerInfo ofThisProcess(String workerId, String device, int threads, GpuDetails gpu) {
    return new WorkerInfo(workerId, hostName(), device, threads, ProcessHandle.current().pid(), gpu.memoryBytes(), gpu);
  }

  /**
   * The GPU this worker drives, named {@code host/gpu:N}: several worker processes of one host may
   * share it. Empty for a CPU slot, which is not shared.
   */
  public Optional<String> sharedGpu() {
    return sharedGpu(host, device);
  }

  /** The GPU a worker on {@code host} driving {@code device} uses, as {@link #sharedGpu()} names it. */
  public static Optional<String> sharedGpu(String host, String device) {
    return device.startsWith("gpu") ? Optional.of(host + "/" + device) : Optional.empty();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
