/**
 * One trial as both sides see it: what to run ({@link io.gantry.protocol.trial.TrialSpec}, with
 * its {@link io.gantry.protocol.trial.DatasetSpec} and {@link io.gantry.protocol.trial.Budget})
 * and how it ended ({@link io.gantry.protocol.trial.TrialOutcome}).
 */
package io.gantry.protocol.trial;
