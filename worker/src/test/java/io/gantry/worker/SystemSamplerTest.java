package io.gantry.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SystemSamplerTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void theFirstReportCarriesASampleThenOneEveryFiveSecondsAtMost() {
    SystemSampler sampler = SystemSampler.of(now::get, Optional::empty);
    Map<String, Double> loss = Map.of("train/loss", 0.5);

    Map<String, Double> first = sampler.withSampleIfDue(loss);
    assertEquals(0.5, first.get("train/loss"));
    assertTrue(first.get("system/process_memory_rss_megabytes") > 1, first.toString());
    assertTrue(first.get("system/system_memory_usage_percentage") > 0 && first.get("system/system_memory_usage_percentage") <= 100, first.toString());
    assertTrue(first.containsKey("system/process_cpu_utilization_percentage"), first.toString());
    assertTrue(first.keySet().stream().noneMatch(k -> k.startsWith("system/gpu_")), "a CPU slot has no GPU metrics: " + first);

    now.addAndGet(TimeUnit.SECONDS.toNanos(4));
    assertSame(loss, sampler.withSampleIfDue(loss), "4 s later: no sample");
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertTrue(sampler.withSampleIfDue(loss).containsKey("system/process_memory_rss_megabytes"), "5 s after the last one: a sample");
    assertEquals(Map.of("train/loss", 0.5), loss, "the training loop's map is left alone");
  }

  @Test
  void processCpuIsItsShareOfTheMachinesCores() {
    assertEquals(50.0, SystemSampler.processCpuPercent(TimeUnit.SECONDS.toNanos(4), TimeUnit.SECONDS.toNanos(2), 4), 1e-9);
    assertEquals(100.0, SystemSampler.processCpuPercent(TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(1), 2), 1e-9);
    assertEquals(0.0, SystemSampler.processCpuPercent(5, 0, 2));
  }

  @Test
  void aGpuSampleIsNamedAsMlflowNamesItsOwnAndKeepsThePeakMemory() {
    List<List<String>> lines =
        List.of(List.of("87", "30500", "143771", "350.5", "700.00", "45"), List.of("12", "20000", "143771", "[N/A]", "700.00", "44"));
    AtomicLong next = new AtomicLong();
    SystemSampler sampler = SystemSampler.of(now::get, () -> Optional.of(lines.get((int) next.getAndIncrement())));

    Map<String, Double> busy = sampler.withSampleIfDue(Map.of());
    assertEquals(87.0, busy.get("system/gpu_0_utilization_percentage"));
    assertEquals(30500.0, busy.get("system/gpu_0_memory_usage_megabytes"));
    assertEquals(100 * 30500.0 / 143771, busy.get("system/gpu_0_memory_usage_percentage"), 1e-9);
    assertEquals(350.5, busy.get("system/gpu_0_power_usage_watts"));
    assertEquals(50.07142857142857, busy.get("system/gpu_0_power_usage_percentage"), 1e-9);
    assertEquals(45.0, busy.get("system/gpu_0_temperature_celsius"));

    now.addAndGet(SystemSampler.EVERY_NANOS);
    Map<String, Double> idle = sampler.withSampleIfDue(Map.of());
    assertEquals(20000.0, idle.get("system/gpu_0_memory_usage_megabytes"));
    assertEquals(30500.0, idle.get("system/gpu_0_memory_peak_megabytes"), "the peak over the trial");
    assertTrue(!idle.containsKey("system/gpu_0_power_usage_watts"), "a field the driver does not give is left out: " + idle);
  }
}
