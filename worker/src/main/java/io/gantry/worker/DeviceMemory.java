package io.gantry.worker;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.ManagementFactory;

/** The memory of a worker's device, as its {@link io.gantry.protocol.WorkerInfo} reports it; needs DJL for a GPU's. */
public final class DeviceMemory {

  private DeviceMemory() {}

  /** The GPU's memory for a {@code gpu:N} device, the machine's for a CPU slot. */
  public static long bytes(String device) {
    // CUDA_VISIBLE_DEVICES leaves the worker's one GPU as device 0 of its process
    if (device.startsWith("gpu") && CudaUtils.hasCuda()) {
      return CudaUtils.getGpuMemory(Device.gpu(0)).getMax();
    }
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
  }
}
