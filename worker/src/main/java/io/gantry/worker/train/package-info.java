/**
 * The trial loop: {@link io.gantry.worker.train.DjlTrialRunner} runs one trial of any model recipe
 * on the calling thread (seeding, batching, budget, reports, divergence and stop checks), or
 * resumes it from a {@link io.gantry.worker.train.Checkpoint}, and writes pictures, held-out
 * metrics (FID among them) and a checkpoint at the end of each epoch.
 */
package io.gantry.worker.train;
