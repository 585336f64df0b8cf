/**
 * Tracking sweeps in an MLflow tracking server. The {@link io.gantry.orchestrator.tracking.Tracker}
 * turns the coordinator's {@link io.gantry.orchestrator.coordinator.SweepEvent}s into entries of a
 * durable outbox kept in the H2 store; the {@link io.gantry.orchestrator.tracking.Courier} drains
 * that outbox into MLflow on its own threads, retrying with backoff while MLflow is away. Runs,
 * params, tags and metrics go through {@code org.mlflow:mlflow-client}; files go by HTTP PUT to
 * MLflow's artifact proxy, so nothing here needs Python.
 */
package io.gantry.orchestrator.tracking;
