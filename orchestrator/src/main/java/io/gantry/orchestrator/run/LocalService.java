package io.gantry.orchestrator.run;

import io.gantry.orchestrator.service.SweepService;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The sweep service of {@code gantry run} and {@code gantry serve}: on loopback, with one worker
 * process of this machine per device, which every sweep of the service shares.
 */
public final class LocalService implements AutoCloseable {

  private final SweepService service;
  private final LocalWorkers workers;

  private LocalService(SweepService service, LocalWorkers workers) {
    this.service = service;
    this.workers = workers;
  }

  /** Starts the service on {@code port} of 127.0.0.1 (0: a free one) and a worker per device, logging under {@code logDir}. */
  public static LocalService start(List<String> devices, int threadsPerTrial, int port, Path logDir) {
    SweepService service = SweepService.start("127.0.0.1", port);
    try {
      LocalWorkers workers = LocalWorkers.start(devices, threadsPerTrial, service.port(), logDir);
      service.stopWaitingWhen(workers.allExited());
      return new LocalService(service, workers);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  public SweepService service() {
    return service;
  }

  /** Why a worker of this machine refused its device, if one did: the others would have too. */
  public Optional<String> refusal() {
    return workers.refusal();
  }

  /** Leaves the cluster while the workers still answer, so that nobody waits on the unreachable; then stops them. */
  @Override
  public void close() {
    try {
      service.close();
    } finally {
      workers.close();
    }
  }
}
