/**
 * One trial as both sides see it: what to run ({@link io.gantry.protocol.trial.TrialSpec}, with
 * its {@link io.gantry.protocol.trial.DatasetSpec} and {@link io.gantry.protocol.trial.Budget}),
 * how it ended ({@link io.gantry.protocol.trial.TrialOutcome}), and where its checkpoints lie
 * ({@link io.gantry.protocol.trial.CheckpointFolders}), which the coordinator needs to resume it
 * elsewhere.
 */
package io.gantry.protocol.trial;
