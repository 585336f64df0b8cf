package io.gantry.orchestrator.sweep;

import static io.gantry.orchestrator.sweep.SweepFiles.VALID;
import static io.gantry.orchestrator.sweep.SweepFiles.assertError;
import static io.gantry.orchestrator.sweep.SweepFiles.assertOnlyError;
import static io.gantry.orchestrator.sweep.SweepFiles.errors;
import static io.gantry.orchestrator.sweep.SweepFiles.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.Resources.DeviceKind;
import io.gantry.protocol.WorkerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code resources}, read and checked, and which workers it lets run a sweep's trials. */
class ResourcesTest {

  /** {@link SweepFiles#VALID} with {@code resources: <value>} as line 10. */
  private static String withResources(String value) {
    return VALID + "resources: " + value.strip() + "\n";
  }

  @Test
  void anyWorkerRunsASweepWithoutResources() {
    assertEquals(Resources.ANY, parse(VALID).resources());
    assertEquals(Resources.ANY, parse(withResources("{}")).resources());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{device: any}                    | ANY",
        "{device: cpu}                    | CPU",
        "{device: gpu}                    | GPU",
        "{gpus_per_trial: 0}              | CPU",
        "{gpus_per_trial: 1}              | GPU",
        "{device: cpu, gpus_per_trial: 0} | CPU",
        "{device: gpu, gpus_per_trial: 1} | GPU",
        "{device: any, gpus_per_trial: 0} | CPU",
        "{device: any, gpus_per_trial: 1} | GPU",
      })
  void deviceAndGpusPerTrialEachPickTheDevice(String value, DeviceKind device) {
    assertEquals(new Resources(device), parse(withResources(value)).resources());
  }

  @Test
  void theBlockMayBeWrittenOverSeveralLines() {
    String yaml = VALID + "resources:\n  device: gpu\n  gpus_per_trial: 1\n";

    assertEquals(new Resources(DeviceKind.GPU), parse(yaml).resources());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{devise: gpu}                    | 13 | resources.devise         | unknown key \"devise\"; did you mean \"device\"?",
        "{gpus_per_trail: 1}              | 13 | resources.gpus_per_trail | unknown key \"gpus_per_trail\"; did you mean \"gpus_per_trial\"?",
        "{device: gpus}                   | 21 | resources.device         | unknown device \"gpus\"; did you mean \"gpu\"?",
        "{device: fpga}                   | 21 | resources.device         | unknown device \"fpga\"; expected one of any, cpu, gpu",
        "{device: 1}                      | 21 | resources.device         | unknown device \"1\"",
        "{gpus_per_trial: one}            | 29 | resources.gpus_per_trial | expected a non-negative integer, got \"one\"",
        "{gpus_per_trial: 0.5}            | 29 | resources.gpus_per_trial | expected a non-negative integer, got 0.5",
        "{gpus_per_trial: -1}             | 29 | resources.gpus_per_trial | expected a non-negative integer, got -1",
        "{gpus_per_trial: 2}              | 29 | resources.gpus_per_trial | each worker drives one device, so a trial can use at most one GPU, got 2",
        "{device: cpu, gpus_per_trial: 1} | 42 | resources.gpus_per_trial | gpus_per_trial 1 means device gpu, which contradicts device: cpu",
        "{device: gpu, gpus_per_trial: 0} | 42 | resources.gpus_per_trial | gpus_per_trial 0 means device cpu, which contradicts device: gpu",
        "gpu                              | 12 | resources                | expected {device: gpu | cpu | any, gpus_per_trial: 0 | 1, gpu_fraction: 0 < F <= 1}, got \"gpu\"",
        "{gpu_fraction: 0}                | 27 | resources.gpu_fraction   | expected a fraction of a GPU, more than 0 and at most 1, got 0",
        "{gpu_fraction: 1.5}              | 27 | resources.gpu_fraction   | expected a fraction of a GPU, more than 0 and at most 1, got 1.5",
        "{gpu_fraction: -0.25}            | 27 | resources.gpu_fraction   | expected a fraction of a GPU, more than 0 and at most 1, got -0.25",
        "{gpu_fraction: half}             | 27 | resources.gpu_fraction   | expected a number, got \"half\"",
        "{gpu_fractoin: 0.5}              | 13 | resources.gpu_fractoin   | unknown key \"gpu_fractoin\"; did you mean \"gpu_fraction\"?",
        "{device: cpu, gpu_fraction: 0.5} | 40 | resources.gpu_fraction   | gpu_fraction 0.5 means device gpu, which contradicts device: cpu",
        "{gpus_per_trial: 0, gpu_fraction: 0.5} | 46 | resources.gpu_fraction | gpu_fraction 0.5 means device gpu, which contradicts gpus_per_trial: 0",
        "{device: any, gpus_per_trial: 0, gpu_fraction: 0.5} | 59 | resources.gpu_fraction | gpu_fraction 0.5 means device gpu, which contradicts gpus_per_trial: 0",
      })
  void mistakesNameTheKeyAndPosition(String value, int column, String key, String message) {
    assertOnlyError(withResources(value), 10, column, key, message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{gpu_fraction: 0.25}                                 | 0.25",
        "{gpu_fraction: 1}                                    | 1.0",
        "{device: gpu, gpu_fraction: 0.5}                     | 0.5",
        "{gpus_per_trial: 1, gpu_fraction: 0.125}             | 0.125",
        "{device: any, gpus_per_trial: 1, gpu_fraction: 0.5} | 0.5",
      })
  void aGpuFractionIsAGpuSweepWhoseTrialsShareTheirDevice(String value, double fraction) {
    Resources resources = parse(withResources(value)).resources();
    assertEquals(DeviceKind.GPU, resources.device());
    assertEquals(fraction, resources.gpuFraction());
  }

  @Test
  void aTrialTakesItsWholeDeviceUnlessTheFileSaysOtherwise() {
    assertEquals(1.0, parse(withResources("{device: gpu}")).resources().gpuFraction());
    assertEquals(1.0, parse(VALID).resources().gpuFraction());
    assertEquals(0.25, parse(withResources("{gpu_fraction: 0.25}") + "threads_per_trial: 2\n").resources().gpuFraction(), "threads keep it");
  }

  @Test
  void aMisspeltBlockIsAnUnknownTopLevelKey() {
    assertOnlyError(
        VALID + "resourses: {device: gpu}\n", 10, 1, "resourses", "did you mean \"resources\"?");
  }

  @Test
  void everyMistakeInTheBlockIsReportedAtOnce() {
    String yaml = VALID + "resources:\n  device: gpus\n  gpus_per_trial: 2\n  memory: 8\n";

    List<SpecError> found = errors(yaml);

    assertEquals(3, found.size(), found::toString);
    assertError(found.get(0), 11, 11, "resources.device", "did you mean \"gpu\"?");
    assertError(found.get(1), 12, 19, "resources.gpus_per_trial", "at most one GPU");
    assertError(found.get(2), 13, 3, "resources.memory", "unknown key \"memory\"");
  }

  @Test
  void aBadFractionIsReportedBesideAContradiction() {
    List<SpecError> found = errors(withResources("{device: cpu, gpus_per_trial: 1, gpu_fraction: 2}"));

    assertEquals(2, found.size(), found::toString);
    assertError(found.get(0), 10, 42, "resources.gpus_per_trial", "contradicts device: cpu");
    assertError(found.get(1), 10, 59, "resources.gpu_fraction", "at most 1, got 2");
  }

  @ParameterizedTest
  @CsvSource({
    "ANY, cpu:0, true",
    "ANY, gpu:3, true",
    "CPU, cpu:0, true",
    "CPU, gpu:0, false",
    "GPU, gpu:3, true",
    "GPU, cpu:1, false",
  })
  void acceptsWorkersByTheirDeviceName(DeviceKind device, String workerDevice, boolean accepted) {
    assertEquals(accepted, new Resources(device).acceptsDevice(workerDevice));
  }

  @Test
  void describesTheWorkersItAccepts() {
    assertEquals("any worker", Resources.ANY.describe());
    assertEquals("cpu workers", new Resources(DeviceKind.CPU).describe());
    assertEquals("gpu workers", new Resources(DeviceKind.GPU).describe());
    assertEquals("cpu workers of at least 4 threads", new Resources(DeviceKind.CPU, 4).describe());
    assertEquals("gpu workers, 0.25 of a GPU per trial", Resources.gpuShare(0.25).describe());
  }

  @Test
  void threadsPerTrialIsHowManyThreadsAWorkerNeedsAtLeast() {
    Resources resources = parse(withResources("{device: cpu}") + "threads_per_trial: 4\n").resources();
    assertEquals(new Resources(DeviceKind.CPU, 4), resources);
    assertTrue(resources.accepts(new WorkerInfo("n/cpu:0", "n", "cpu:0", 4, 1, 1)));
    assertFalse(resources.accepts(new WorkerInfo("n/cpu:1", "n", "cpu:1", 2, 1, 1)), "too few threads");
    assertFalse(resources.accepts(new WorkerInfo("n/gpu:0", "n", "gpu:0", 8, 1, 1)), "not a cpu");
  }
}
