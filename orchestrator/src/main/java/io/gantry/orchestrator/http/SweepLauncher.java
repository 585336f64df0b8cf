package io.gantry.orchestrator.http;

import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.run.RunObserver;
import io.gantry.orchestrator.sweep.SweepSpec;
import java.util.Optional;

/** How a sweep submitted over HTTP runs once its turn comes: on this machine, as the CLI runs one. */
@FunctionalInterface
public interface SweepLauncher {

  /**
   * Runs the stored sweep of {@code plan} on the calling thread until it is over, followed by
   * {@code observer}; returns whether it reached its end. {@code pages} is the web UI's address
   * that shows it, for links to it from elsewhere (MLflow's runs).
   */
  boolean run(SweepSpec spec, SweepPlan plan, RunObserver observer, Optional<String> pages);
}
