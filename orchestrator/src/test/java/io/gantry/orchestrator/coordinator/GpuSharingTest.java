package io.gantry.orchestrator.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gantry.orchestrator.cluster.ClusterView;
import io.gantry.orchestrator.cluster.ClusterView.GpuUse;
import io.gantry.orchestrator.cluster.WorkerDirectory;
import io.gantry.orchestrator.store.TrialStatus;
import io.gantry.orchestrator.sweep.Resources;
import io.gantry.protocol.WorkerInfo;
import io.gantry.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/**
 * Several worker processes on one GPU, as {@code gantry worker --trials-per-gpu} starts them: the
 * sweep service places trials on them by the sweeps' {@code gpu_fraction}, never overfilling a GPU.
 */
class GpuSharingTest extends CoordinatorFixture {

  /** Long enough for a wrong offer to have been made and taken, had the service made one. */
  private static final Duration SETTLE = Duration.ofMillis(500);

  private static final Resources QUARTER = Resources.gpuShare(0.25);

  /** A worker process {@code id} on {@code host}'s {@code device}, whose trials run in {@code runner}. */
  private void spawnOn(String host, String device, String id, GatedRunner runner) {
    WorkerInfo info = new WorkerInfo(host + "/" + id, host, device, 1, ProcessHandle.current().pid(), 1L << 30);
    testKit.spawn(Worker.create(info, runner, dataDir.resolve("scratch").resolve(host + "-" + id)), host + "-" + id);
  }

  private static void await(IntSupplier count, int expected) throws InterruptedException {
    await(count::getAsInt, (Object) expected);
  }

  private static void await(Supplier<Object> value, Object expected) throws InterruptedException {
    long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
    while (!value.get().equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, value.get());
  }

  @Test
  void fourQuarterTrialsRunOnOneGpuAtOnceNeverAFifthAndAnotherHostsGpuIsSeparate() throws InterruptedException {
    ClusterView view = new ClusterView(List::of);
    testKit.spawn(WorkerDirectory.create(view), "directory");
    GatedRunner gpuA = new GatedRunner();
    GatedRunner gpuB = new GatedRunner();
    for (int i = 1; i <= 5; i++) {
      spawnOn("nodeA", "gpu:0", i == 1 ? "gpu-0" : "gpu-0." + i, gpuA);
    }
    SweepPlan plan = on(queuedSweep(1, 2, 3, 4, 5, 6), QUARTER);
    TestProbe<SweepProgress> progress = testKit.createTestProbe();
    spawnCoordinator(plan, progress.getRef());

    await(gpuA::running, 4);
    Thread.sleep(SETTLE.toMillis());
    assertEquals(4, gpuA.running(), "a fifth quarter would overfill nodeA's gpu:0");
    spawnOn("nodeB", "gpu:0", "gpu-0", gpuB);
    await(gpuB::running, 1);
    // what gantry status shows
    await(() -> view.snapshot().gpus(), List.of(new GpuUse("nodeA", "gpu:0", 5, 1.0), new GpuUse("nodeB", "gpu:0", 1, 0.25)));

    gpuA.open();
    gpuB.open();
    assertEquals(6, awaitEnd(progress).finished());
    assertEquals(4, gpuA.most());
  }

  @Test
  void aWholeGpuSweepWaitsWhileAQuarterTrialRunsOnTheGpu() throws InterruptedException {
    GatedRunner gpu = new GatedRunner();
    spawnOn("nodeA", "gpu:0", "gpu-0", gpu);
    spawnOn("nodeA", "gpu:0", "gpu-0.2", gpu);
    SweepPlan quarter = on(queuedSweep(1), QUARTER);
    TestProbe<SweepProgress> quarterProgress = testKit.createTestProbe();
    spawnCoordinator(quarter, quarterProgress.getRef());
    await(gpu::running, 1);

    SweepPlan whole = on(queuedSweep(2), new Resources(Resources.DeviceKind.GPU));
    TestProbe<SweepProgress> wholeProgress = testKit.createTestProbe();
    spawnCoordinator(whole, wholeProgress.getRef());
    Thread.sleep(SETTLE.toMillis());
    assertEquals(1, gpu.running(), "the second process is idle, but the GPU is not");
    assertEquals(TrialStatus.QUEUED, byId(whole).get("t1").status());

    gpu.open();
    assertEquals(1, awaitEnd(quarterProgress).finished());
    assertEquals(1, awaitEnd(wholeProgress).finished());
    assertEquals(1, gpu.most(), "the whole-GPU trial started only once the quarter had ended");
  }
}
