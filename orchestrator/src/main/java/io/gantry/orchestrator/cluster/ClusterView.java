package io.gantry.orchestrator.cluster;

import io.gantry.protocol.GpuDetails;
import io.gantry.protocol.WorkerInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the cluster looks like from the coordinator node, for {@code gantry status} and the HTTP
 * API: its nodes, and its workers with the trial each runs. Written by the {@link WorkerDirectory}
 * and read from any thread.
 */
public final class ClusterView {

  /** A member of the cluster: its address, its state (Up, Leaving, ...) and whether it is this node. */
  public record Node(String address, String state, boolean coordinator) {}

  /**
   * A worker: who and where it is, what it found of its GPU if it drives one, the trial it runs
   * ({@code sweepId/trialId}), if any, and how much of its GPU that trial takes (0 when idle).
   */
  public record WorkerStatus(
      String workerId, String host, String device, int threads, long memoryBytes, Optional<GpuDetails> gpu, String node,
      Optional<String> trial, double gpuFraction) {}

  /** A GPU of the cluster (its host and device), how many worker processes serve it, and how much of it their trials take. */
  public record GpuUse(String host, String device, int workers, double taken) {}

  /** The whole picture at one moment. */
  public record Snapshot(List<Node> nodes, List<WorkerStatus> workers) {

    /** Every GPU that workers serve, as several processes may serve one, in the order of the workers. */
    public List<GpuUse> gpus() {
      Map<String, GpuUse> byGpu = new LinkedHashMap<>();
      for (WorkerStatus w : workers) {
        WorkerInfo.sharedGpu(w.host(), w.device())
            .ifPresent(
                gpu ->
                    byGpu.merge(
                        gpu,
                        new GpuUse(w.host(), w.device(), 1, w.gpuFraction()),
                        (a, b) -> new GpuUse(a.host(), a.device(), a.workers() + b.workers(), a.taken() + b.taken())));
      }
      return List.copyOf(byGpu.values());
    }
  }

  private final Supplier<List<Node>> nodes;
  private volatile List<WorkerStatus> workers = List.of();

  public ClusterView(Supplier<List<Node>> nodes) {
    this.nodes = nodes;
  }

  public Snapshot snapshot() {
    return new Snapshot(nodes.get(), workers);
  }

  void workers(List<WorkerStatus> current) {
    workers = List.copyOf(current);
  }
}
