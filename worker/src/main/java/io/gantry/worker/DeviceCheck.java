package io.gantry.worker;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import io.gantry.protocol.GpuDetails;
import io.gantry.protocol.WorkerInfo;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * What a worker process finds of its device when it starts. A {@code gpu:N} worker must drive a
 * GPU: trained on the CPU under a GPU's name, its trials would be slower by orders of magnitude and
 * nothing would say why. So a GPU worker loads libtorch at once and refuses to start ({@link
 * NoGpuException}) unless its engine sees a CUDA device and makes it the default device, on which
 * every manager, network, batch and optimizer state of its trials then lives. {@code
 * CUDA_VISIBLE_DEVICES} leaves the worker's GPU as device 0 of its process.
 */
public final class DeviceCheck {

  /** What a refusal tells the user to do. */
  static final String INSTALL =
      "GPU workers load libtorch's CUDA build from PyPI's torch 2.7.1 wheel: install it once with scripts/install-torch.sh"
          + " (or set GANTRY_TORCH_VENV to a venv that has torch 2.7.1), on a machine whose NVIDIA driver supports CUDA 12.6";

  private DeviceCheck() {}

  /** A device this worker cannot drive, with what it found. */
  public static final class NoGpuException extends Exception {
    NoGpuException(String message) {
      super(message);
    }
  }

  /** Who this worker is, with its device's memory and, for a GPU, what was found of it. */
  public static WorkerInfo info(WorkerOptions options) throws NoGpuException {
    if (!options.device().startsWith("gpu:")) {
      return WorkerInfo.ofThisProcess(options.workerId(), options.device(), options.threads(), machineMemory());
    }
    return WorkerInfo.ofThisProcess(options.workerId(), options.device(), options.threads(), gpu(options.device()));
  }

  /** This machine's memory, which a CPU slot's worker reports as its device's. */
  public static long machineMemory() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
  }

  /** The GPU {@code device} names, as this process's engine and the driver see it. */
  static GpuDetails gpu(String device) throws NoGpuException {
    Engine engine;
    try {
      engine = Engine.getInstance();
    } catch (EngineException e) {
      throw new NoGpuException(
          device + ": libtorch did not load from " + librarySource() + " (" + rootCause(e) + "). " + INSTALL);
    }
    String libtorch = libtorch(engine);
    Optional<List<String>> smi = NvidiaSmi.query(device.substring("gpu:".length()), List.of("name", "driver_version"));
    if (engine.getGpuCount() == 0 || !engine.defaultDevice().isGpu()) {
      String driver =
          smi.map(fields -> "the driver " + fields.get(1) + " lists " + fields.get(0))
              .orElse("nvidia-smi does not answer: this machine has no NVIDIA driver, or no GPU");
      throw new NoGpuException(
          device + " was asked for, but libtorch " + libtorch + " sees no CUDA device; " + driver + ". " + INSTALL);
    }
    Device gpu = engine.defaultDevice();
    String name = smi.map(fields -> fields.get(0)).orElse("GPU " + gpu.getDeviceId());
    long memory = CudaUtils.getGpuMemory(gpu).getMax();
    String cuda = CudaUtils.getCudaVersion() > 0 ? cudaVersion(CudaUtils.getCudaVersion()) : "unknown";
    String driver = smi.map(fields -> fields.get(1)).orElse("unknown");
    return new GpuDetails(name, memory, cuda, driver, libtorch);
  }

  /**
   * Which libtorch this process loaded, as {@code 2.7.1 cu128 from /...}; for the log of every
   * worker, so that a run says which build computed it. Loads the engine, which its first trial
   * would do anyway.
   */
  public static String libtorch() {
    try {
      return libtorch(Engine.getInstance());
    } catch (EngineException e) {
      return "none: it did not load from " + librarySource() + " (" + rootCause(e) + ")";
    }
  }

  private static String libtorch(Engine engine) {
    return engine.getVersion() + " " + flavor() + " from " + LibUtils.getLibtorchPath();
  }

  /** {@code 12060} as {@code 12.6}: cudaRuntimeGetVersion's encoding is 1000 * major + 10 * minor. */
  static String cudaVersion(int encoded) {
    return encoded / 1000 + "." + (encoded % 1000) / 10;
  }

  private static String librarySource() {
    String path = System.getenv("PYTORCH_LIBRARY_PATH");
    return path != null ? path + " (PYTORCH_LIBRARY_PATH)" : "the classpath";
  }

  private static String flavor() {
    String flavor = System.getenv("PYTORCH_FLAVOR");
    return flavor != null ? flavor : "cpu";
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
