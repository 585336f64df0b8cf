package io.gantry.bench;

import io.gantry.protocol.trial.TrialOutcome;
import io.gantry.protocol.trial.TrialSpec;
import io.gantry.worker.train.DjlTrialRunner;
import io.gantry.worker.trial.TrialListener;
import io.gantry.worker.trial.TrialRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The trial runner of benchmark worker processes. A trial of model {@value #MODEL} trains nothing:
 * each of its budget's steps sleeps {@code step_ms} milliseconds and reports four metrics ({@code
 * val/score}, {@code train/loss}, and when the trial started and this step ended, in epoch
 * milliseconds). A trial of model {@value #SPIN_MODEL} reports the same, but each step keeps its
 * thread busy for {@code step_ms} milliseconds of CPU time instead of sleeping. Every other model
 * trains with DJL as in {@code gantry run}. It is registered as a
 * {@link java.util.ServiceLoader} service, so the worker processes a benchmark starts with this
 * module on their classpath use it.
 */
public final class SleepTrialRunner implements TrialRunner {

  /** The model name of trials that only sleep; no sweep file can name it. */
  public static final String MODEL = "sleep";

  /** The model name of CPU-bound trials, whose steps compute instead of sleeping; no sweep file can name it. */
  public static final String SPIN_MODEL = "spin";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Where spinning steps leave their hash: a volatile write the JIT must keep, and the loop with it. */
  private static volatile long spinSink;

  private final TrialRunner djl = new DjlTrialRunner();

  @Override
  public TrialOutcome run(TrialSpec spec, TrialListener listener, BooleanSupplier stopRequested) throws Exception {
    boolean spins = SPIN_MODEL.equals(spec.model());
    if (!spins && !MODEL.equals(spec.model())) {
      return djl.run(spec, listener, stopRequested);
    }
    long stepMs = ((Number) spec.params().get("step_ms")).longValue();
    double started = System.currentTimeMillis();
    for (long step = 1; step <= spec.budget().steps(); step++) {
      if (stopRequested.getAsBoolean()) {
        return TrialOutcome.stopped(step - 1);
      }
      if (spins) {
        spinSink = spin(stepMs);
      } else if (stepMs > 0) {
        Thread.sleep(stepMs);
      }
      listener.onMetrics(
          step,
          1,
          Map.of(
              "val/score", (double) step,
              "train/loss", 1.0 / step,
              "bench/started_ms", started,
              "bench/ended_ms", (double) System.currentTimeMillis()));
    }
    return TrialOutcome.completed(spec.budget().steps());
  }

  /**
   * Hashes until this thread has used {@code ms} milliseconds of CPU time. CPU time rather than wall
   * time, so that a step is the same work however many processes share the cores: when they contend,
   * steps take longer and throughput shows it.
   */
  private static long spin(long ms) {
    long until = THREADS.getCurrentThreadCpuTime() + ms * 1_000_000;
    long hash = 0;
    do {
      // some microseconds of work per read of the CPU clock, so that reading it costs little and a
      // step overruns step_ms by microseconds only
      for (int i = 0; i < 4096; i++) {
        hash = (hash ^ i) * 0x9E3779B97F4A7C15L;
      }
    } while (THREADS.getCurrentThreadCpuTime() < until);
    return hash;
  }
}
