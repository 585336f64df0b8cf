package io.gantry.orchestrator.http;

import io.gantry.orchestrator.cluster.ClusterView;
import io.gantry.protocol.GpuDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GET /api/cluster}: the nodes, the workers with the trial each runs, and each
 * GPU with how much of it the trials there take.
 */
final class ClusterJson {

  private ClusterJson() {}

  static Map<String, Object> of(ClusterView.Snapshot snapshot) {
    List<Map<String, Object>> nodes =
        snapshot.nodes().stream()
            .map(n -> Map.<String, Object>of("address", n.address(), "state", n.state(), "coordinator", n.coordinator()))
            .toList();
    List<Map<String, Object>> workers =
        snapshot.workers().stream()
            .map(
                w -> {
                  Map<String, Object> worker = new LinkedHashMap<>();
                  worker.put("id", w.workerId());
                  worker.put("host", w.host());
                  worker.put("device", w.device());
                  worker.put("threads", w.threads());
                  worker.put("memory_bytes", w.memoryBytes());
                  worker.put("gpu", w.gpu().map(ClusterJson::gpu).orElse(null));
                  worker.put("node", w.node());
                  worker.put("trial", w.trial().orElse(null));
                  worker.put("gpu_fraction", w.trial().isPresent() && w.device().startsWith("gpu") ? w.gpuFraction() : null);
                  return worker;
                })
            .toList();
    List<Map<String, Object>> gpus =
        snapshot.gpus().stream()
            .map(g -> Map.<String, Object>of("host", g.host(), "device", g.device(), "workers", g.workers(), "taken", g.taken()))
            .toList();
    return Map.of("nodes", nodes, "workers", workers, "gpus", gpus);
  }

  private static Map<String, Object> gpu(GpuDetails gpu) {
    return Map.of(
        "name", gpu.name(), "memory_bytes", gpu.memoryBytes(), "cuda", gpu.cudaVersion(), "driver", gpu.driverVersion(),
        "libtorch", gpu.libtorch());
  }
}
