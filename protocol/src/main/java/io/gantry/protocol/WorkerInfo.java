package io.gantry.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a worker is: a stable id, the host it runs on and its device, with how many threads it
 * trains, its process id, and the memory of its device (the GPU's, or the machine's for a CPU slot).
 */
public record WorkerInfo(String workerId, String host, String device, int threads, long pid, long memoryBytes)
    implements CborSerializable {

  /** This process, serving {@code device}, which has {@code memoryBytes} (the worker measures it). */
  public static WorkerInfo ofThisProcess(String workerId, String device, int threads, long memoryBytes) {
    return new WorkerInfo(workerId, hostName(), device, threads, ProcessHandle.current().pid(), memoryBytes);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
