/**
 * The web UI's HTTP server in the coordinator's process: a JSON API over the store, server-sent
 * events fed by the coordinators' {@link io.gantry.orchestrator.coordinator.SweepEvent}s, sweep
 * submission and control, artifact files, and the static pages of the {@code web-ui} module.
 */
package io.gantry.orchestrator.http;
