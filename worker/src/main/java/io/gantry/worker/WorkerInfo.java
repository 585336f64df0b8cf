package io.gantry.worker;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a worker is: a stable id, the host it runs on and its device, with how many threads it
 * trains, its process id, and the memory of its device (the GPU's, or the machine's for a CPU slot).
 */
public record WorkerInfo(String workerId, String host, String device, int threads, long pid, long memoryBytes)
    implements CborSerializable {

  /** This process, serving {@code device}. */
  public static WorkerInfo ofThisProcess(String workerId, String device, int threads) {
    return new WorkerInfo(workerId, hostName(), device, threads, ProcessHandle.current().pid(), memoryOf(device));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static long memoryOf(String device) {
    // CUDA_VISIBLE_DEVICES leaves the worker's one GPU as device 0 of its process
    if (device.startsWith("gpu") && CudaUtils.hasCuda()) {
      return CudaUtils.getGpuMemory(Device.gpu(0)).getMax();
    }
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
  }
}
