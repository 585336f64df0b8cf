/** The embedded H2 store: sweeps, trials, metric history, checkpoints and artifacts. */
package io.gantry.orchestrator.store;
