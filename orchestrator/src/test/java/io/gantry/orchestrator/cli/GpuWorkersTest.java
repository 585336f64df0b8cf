package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gantry.orchestrator.run.Devices;
import io.gantry.orchestrator.run.TorchWheel;
import io.gantry.orchestrator.run.WorkerLaunch;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU workers on a machine without a GPU, as CI is: they never train on the CPU under a GPU's
 * name, and say why once. And libtorch's CUDA build from the torch wheel, where one is installed
 * ({@code scripts/install-torch.sh}), loads and trains on the CPU to the CPU build's numbers.
 */
class GpuWorkersTest {

  private static final String SWEEP =
      """
      name: wheel
      model: gan
      dataset: gaussian-2d
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {steps: 100}
      report_every: 50
      parameters:
        g_hidden: {value: 0}
        latent_dim: {value: 2}
        batch_size: {value: 8}
      seed: 11
      """;

  @TempDir Path dir;

  @Test
  void aWorkerForAGpuTheEngineCannotSeeExitsTwoSayingWhyOnce() throws Exception {
    assumeTrue(noGpuHere(), "this machine has a GPU");
    CliRun worker =
        CliRun.gantry("worker", "--join", "127.0.0.1:" + freePort(), "--devices", "gpu:0", "--data-dir", dir.toString());

    assertEquals(GantryCli.EXIT_BAD_INPUT, worker.code(), worker.toString());
    assertTrue(worker.err().contains("cannot drive gpu:0"), worker.toString());
    assertTrue(worker.err().contains("sees no CUDA device") || worker.err().contains("libtorch did not load"), worker.toString());
    assertTrue(worker.err().contains("scripts/install-torch.sh"), "it says what to install: " + worker);
    assertEquals(1, count(worker.err(), "cannot drive"), "said once: " + worker);
    assertTrue(!worker.out().contains("starting it again"), "never restarted: " + worker);
  }

  @Test
  void aGpuSweepOnAMachineWithoutOneExitsTwoNamingWhatItHas() throws Exception {
    assumeTrue(noGpuHere(), "this machine has a GPU");
    Path file = Files.writeString(dir.resolve("gpu.yaml"), SWEEP + "resources: {device: gpu}\n");

    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", dir.resolve("data").toString());

    assertEquals(GantryCli.EXIT_BAD_INPUT, run.code(), run.toString());
    assertTrue(run.err().contains("needs gpu workers") && run.err().contains("this machine has [cpu:0"), run.toString());
  }

  @Test
  void theWheelsCudaBuildTrainsOnTheCpuAsTheCpuBuildDoes() throws Exception {
    assumeTrue(TorchWheel.installed().isPresent(), "no torch wheel installed (scripts/install-torch.sh)");
    Path file = Files.writeString(dir.resolve("wheel.yaml"), SWEEP);
    List<Double> cpuBuild = meanErrors(file, dir.resolve("cpu-build"));
    System.setProperty(WorkerLaunch.WHEEL_FOR_CPU_PROPERTY, "true");
    List<Double> wheel;
    try {
      wheel = meanErrors(file, dir.resolve("wheel"));
    } finally {
      System.clearProperty(WorkerLaunch.WHEEL_FOR_CPU_PROPERTY);
    }
    String log = Files.readString(dir.resolve("wheel/logs/wheel-1/worker-cpu-0.log"));
    assertTrue(log.contains("libtorch 2.7.1 cu128 from " + TorchWheel.installed().get().lib().getParent().getParent()), "the worker loaded the wheel's libtorch:\n" + log);
    assertTrue(Files.readString(dir.resolve("cpu-build/logs/wheel-1/worker-cpu-0.log")).contains("libtorch 2.7.1 cpu from "), "and the other the CPU build");

    assertEquals(cpuBuild, wheel, "val/mean_error, step by step");
  }

  private static List<Double> meanErrors(Path file, Path data) {
    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "1");
    assertEquals(0, run.code(), run.toString());
    try (H2RunStore store = H2RunStore.open(data)) {
      return store.metrics("wheel-1", "t001").stream().filter(p -> p.name().equals("val/mean_error")).map(MetricPoint::value).toList();
    }
  }

  private static boolean noGpuHere() {
    return Devices.local(1, 1).get(0).startsWith("cpu:");
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
