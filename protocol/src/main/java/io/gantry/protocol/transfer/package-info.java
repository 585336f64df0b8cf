/**
 * Files that travel over the cluster connection in chunks: a trial's sample grids and checkpoints
 * from its worker to the coordinator, and a checkpoint back to the worker that resumes the trial.
 * Nodes share no disk, so a file crosses as plain messages and is checked on arrival.
 */
package io.gantry.protocol.transfer;
