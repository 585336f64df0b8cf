package io.gantry.orchestrator.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a worker process of this machine starts: Gantry's own JVM with the worker module's classpath
 * (the system property {@value #CLASSPATH_PROPERTY}, which the {@code gantry} command sets), joining
 * the coordinator at {@code joinHost:joinPort}, listening on {@code bindHost}, training with {@code
 * threads} threads, pinned to its device, and ending when the process that started it ends. A GPU
 * worker loads libtorch's CUDA build from the torch wheel when one is installed ({@link
 * TorchWheel}); without one it has only the CPU build, and refuses to start, saying so.
 */
public record WorkerLaunch(String joinHost, int joinPort, String bindHost, int threads) {

  /**
   * The system property that, set to {@code true}, has CPU workers load libtorch from the torch
   * wheel as GPU workers do: how the CUDA build is checked on a machine without a GPU.
   */
  public static final String WHEEL_FOR_CPU_PROPERTY = "gantry.worker.torch-wheel";

  /** The system property with the classpath worker processes run from. */
  public static final String CLASSPATH_PROPERTY = "gantry.worker.classpath";

  // named, not referenced: the worker and its DJL are on the workers' classpath, not on this one
  private static final String MAIN_CLASS = "io.gantry.worker.WorkerMain";
  private static final String SCORE_MAIN_CLASS = "io.gantry.worker.ScoreMain";

  /**
   * MKL's conditional numerical reproducibility, unless the environment sets it: libtorch's CPU
   * build multiplies matrices with MKL, whose AVX-512 kernels otherwise round differently with
   * the memory alignment of their operands, which differs from one process to the next. A trial
   * then gives the same numbers on every worker, resumed or not. {@code AUTO} keeps the fastest
   * code path the CPU has; {@code STRICT} makes it independent of alignment.
   */
  static final String MKL_REPRODUCIBLE = "AUTO,STRICT";

  /** The process of the worker {@code workerId} on {@code device}, its output appended to {@code log}. */
  public ProcessBuilder process(String device, String workerId, Path log) {
    List<String> command = new ArrayList<>(java(threads, MAIN_CLASS));
    command.addAll(
        List.of(
            "--join", joinHost + ":" + joinPort,
            "--bind", bindHost,
            "--device", device,
            "--threads", Integer.toString(threads),
            "--id", workerId,
            "--exit-with-parent"));
    ProcessBuilder builder = reproducible(new ProcessBuilder(command));
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (device.startsWith("gpu:")) {
      builder.environment().put("CUDA_VISIBLE_DEVICES", device.substring("gpu:".length()));
    }
    if (device.startsWith("gpu:") || Boolean.getBoolean(WHEEL_FOR_CPU_PROPERTY)) {
      TorchWheel.installed().ifPresent(wheel -> wheel.applyTo(builder));
    }
    return builder;
  }

  /**
   * The process that scores images as {@code request} (a {@code ScoreRequest} as JSON) asks, on
   * {@code threads} threads of this machine's CPU, its output appended to {@code log}.
   */
  public static ProcessBuilder scoring(Path request, int threads, Path log) {
    List<String> command = new ArrayList<>(java(threads, SCORE_MAIN_CLASS));
    command.add(request.toString());
    return reproducible(new ProcessBuilder(command)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  private static ProcessBuilder reproducible(ProcessBuilder builder) {
    builder.environment().putIfAbsent("MKL_CBWR", MKL_REPRODUCIBLE);
    return builder;
  }

  private static List<String> java(int threads, String mainClass) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g",
        "-Dai.djl.pytorch.num_threads=" + threads,
        "-Dai.djl.pytorch.num_interop_threads=1",
        "-Dai.djl.offline=true",
        "-cp",
        classpath(),
        mainClass);
  }

  /**
   * How the {@code copy}-th worker process of {@code device} (counting from 1) is named among a
   * machine's workers: {@code gpu-0} for the first, as with one per device, then {@code gpu-0.2},
   * {@code gpu-0.3}, ...
   */
  public static String processName(String device, int copy) {
    String first = device.replace(':', '-');
    return copy == 1 ? first : first + "." + copy;
  }

  /** The worker module's classpath this process was given; throws when it was given none. */
  static String classpath() {
    String classpath = System.getProperty(CLASSPATH_PROPERTY, "");
    if (classpath.isBlank()) {
      throw new IllegalStateException(
          "no classpath to start worker processes from: set -D" + CLASSPATH_PROPERTY + " (the gantry command does)");
    }
    return classpath;
  }

  /** Asks the worker processes to end, as Ctrl-C would, and kills those still running 3 s later. */
  public static void stop(Collection<Process> processes) {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
