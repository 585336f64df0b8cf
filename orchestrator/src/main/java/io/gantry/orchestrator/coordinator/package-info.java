/**
 * The coordinator: one actor per sweep, its immutable {@link io.gantry.orchestrator.coordinator.SweepState}
 * with pure transitions, the gateway through which workers reach it, and the helpers it owns: the
 * {@link io.gantry.orchestrator.coordinator.TrialSource} that asks the search strategy for new
 * trials and tells it finished ones, its workers, and the metric reports it has yet to write.
 */
package io.gantry.orchestrator.coordinator;
