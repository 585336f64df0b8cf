/**
 * The trial loop: {@link io.gantry.worker.train.DjlTrialRunner} runs one trial of any model
 * recipe on the calling thread (seeding, batching, budget, reports, divergence and stop
 * checks), and writes a checkpoint and a sample picture at the end of each epoch.
 */
package io.gantry.worker.train;
