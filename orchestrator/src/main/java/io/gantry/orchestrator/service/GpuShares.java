package io.gantry.orchestrator.service;

import io.gantry.protocol.WorkerInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How much of each GPU the trials placed on it take, as fractions of the device that add up to at
 * most 1. A GPU is its workers' host and device ({@code nodeA} and {@code gpu:0}): several worker
 * processes may serve one GPU, each with a trial of its own, and a new trial goes to one of them
 * only while its share still fits beside the others'. CPU slots are not shared this way: every
 * worker on one has room for its trial.
 *
 * <p>A GPU on which trials are being preempted is draining: it takes no new trial until they have
 * ended. Each preempted trial frees its fraction only when it ends, at its next checkpoint, and the
 * sweep it was preempted for fits once enough of them have; without the pause, the fraction that
 * the first of them frees would go straight back to the sweep it was taken from.
 *
 * <p>Immutable: the scheduler plans preemptions on copies.
 */
public final class GpuShares {

  /** Slack for sums of fractions such as 0.1 + 0.2, which floating point puts a hair above 0.3. */
  static final double TOLERANCE = 1e-9;

  /** No trial on any GPU. */
  public static final GpuShares NONE = new GpuShares(Map.of(), Set.of());

  private final Map<String, Double> taken;
  private final Set<String> draining;

  private GpuShares(Map<String, Double> taken, Set<String> draining) {
    this.taken = Map.copyOf(taken);
    this.draining = Set.copyOf(draining);
  }

  /** These shares with a trial taking {@code fraction} of {@code worker}'s GPU; the same for a CPU slot. */
  public GpuShares plus(WorkerInfo worker, double fraction) {
    return worker.sharedGpu().map(gpu -> add(gpu, fraction)).orElse(this);
  }

  /** These shares once a trial taking {@code fraction} of {@code worker}'s GPU has ended. */
  public GpuShares minus(WorkerInfo worker, double fraction) {
    return plus(worker, -fraction);
  }

  /** These shares with a trial on {@code worker}'s GPU being preempted, so that the GPU drains. */
  public GpuShares preempting(WorkerInfo worker) {
    return worker.sharedGpu()
        .map(
            gpu -> {
              Set<String> more = new HashSet<>(draining);
              more.add(gpu);
              return new GpuShares(taken, more);
            })
        .orElse(this);
  }

  /** How much of {@code worker}'s GPU its trials take; always 0 for a CPU slot. */
  public double taken(WorkerInfo worker) {
    return worker.sharedGpu().map(gpu -> taken.getOrDefault(gpu, 0.0)).orElse(0.0);
  }

  /** Whether a trial taking {@code fraction} of its GPU fits on {@code worker}'s beside those there. */
  public boolean fits(WorkerInfo worker, double fraction) {
    return taken(worker) + fraction <= 1 + TOLERANCE;
  }

  /** Whether {@code worker} may start a trial taking {@code fraction} of its GPU now: it fits, and the GPU is not draining. */
  public boolean admits(WorkerInfo worker, double fraction) {
    return fits(worker, fraction) && worker.sharedGpu().map(gpu -> !draining.contains(gpu)).orElse(true);
  }

  /** Whether the two workers serve the same GPU; two CPU slots never do, as nothing is shared there. */
  public static boolean sameGpu(WorkerInfo a, WorkerInfo b) {
    return a.sharedGpu().isPresent() && a.sharedGpu().equals(b.sharedGpu());
  }

  private GpuShares add(String gpu, double fraction) {
    Map<String, Double> more = new HashMap<>(taken);
    more.merge(gpu, fraction, Double::sum);
    return new GpuShares(more, draining);
  }
}
