package io.gantry.orchestrator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.protocol.WorkerInfo;
import org.junit.jupiter.api.Test;

class GpuSharesTest {

  static WorkerInfo on(String host, String device, String id) {
    return new WorkerInfo(host + "/" + id, host, device, 1, 1, 1L << 30);
  }

  private static final WorkerInfo A0 = on("nodeA", "gpu:0", "gpu-0");
  private static final WorkerInfo A0_2 = on("nodeA", "gpu:0", "gpu-0.2");
  private static final WorkerInfo A1 = on("nodeA", "gpu:1", "gpu-1");
  private static final WorkerInfo B0 = on("nodeB", "gpu:0", "gpu-0");
  private static final WorkerInfo CPU = on("nodeA", "cpu:0", "cpu-0");

  @Test
  void aGpuIsItsHostAndDeviceWhicheverWorkerServesIt() {
    GpuShares shares = GpuShares.NONE.plus(A0, 0.25);
    assertEquals(0.25, shares.taken(A0_2), "another process on the same GPU");
    assertEquals(0.0, shares.taken(A1), "another GPU of the host");
    assertEquals(0.0, shares.taken(B0), "gpu:0 of another host");
    assertTrue(GpuShares.sameGpu(A0, A0_2));
    assertFalse(GpuShares.sameGpu(A0, B0));
  }

  @Test
  void fourQuartersFillAGpuAndAFifthDoesNotFit() {
    GpuShares shares = GpuShares.NONE;
    for (int i = 0; i < 4; i++) {
      assertTrue(shares.fits(A0, 0.25), "quarter " + (i + 1));
      shares = shares.plus(A0, 0.25);
    }
    assertFalse(shares.fits(A0_2, 0.25));
    assertTrue(shares.fits(B0, 1.0));
    assertTrue(shares.minus(A0, 0.25).fits(A0_2, 0.25), "an ended trial frees its fraction");
  }

  @Test
  void aWholeDeviceFitsOnlyOnAnEmptyGpu() {
    assertTrue(GpuShares.NONE.fits(A0, 1.0));
    assertFalse(GpuShares.NONE.plus(A0, 0.25).fits(A0_2, 1.0));
  }

  @Test
  void sumsThatFloatingPointPutsAboveOneStillFit() {
    GpuShares shares = GpuShares.NONE.plus(A0, 0.2).plus(A0, 0.4).plus(A0, 0.3);
    assertTrue(1 < 0.2 + 0.4 + 0.3 + 0.1);
    assertTrue(shares.fits(A0, 0.1), "0.2 + 0.4 + 0.3 + 0.1 is 1.0000000000000002 in doubles");
    assertFalse(shares.fits(A0, 0.11));
  }

  @Test
  void cpuSlotsAreNotShared() {
    GpuShares shares = GpuShares.NONE.plus(CPU, 1.0).plus(CPU, 1.0).preempting(CPU);
    assertEquals(0.0, shares.taken(CPU));
    assertTrue(shares.admits(CPU, 1.0));
    assertFalse(GpuShares.sameGpu(CPU, CPU), "two processes on cpu:0 each have room for a trial");
  }

  @Test
  void aGpuWithATrialBeingPreemptedAdmitsNoTrialUntilItEnds() {
    GpuShares shares = GpuShares.NONE.plus(A0, 0.25).preempting(A0);
    assertTrue(shares.fits(A0_2, 0.25));
    assertFalse(shares.admits(A0_2, 0.25), "its quarter is for the sweep it was preempted for");
    assertTrue(shares.admits(B0, 0.25));
  }
}
