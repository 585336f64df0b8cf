/**
 * The coordinator: one actor per sweep, its immutable {@link io.gantry.orchestrator.coordinator.SweepState}
 * with pure transitions, and the gateway through which workers reach it.
 */
package io.gantry.orchestrator.coordinator;
