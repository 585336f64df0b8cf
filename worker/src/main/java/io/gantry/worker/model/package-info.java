/**
 * Model recipes: one {@link io.gantry.worker.model.ModelRecipe} per model kind builds its DJL
 * networks, runs one training step on a batch, evaluates on held-out data and draws samples, so
 * that the trial loop in {@code io.gantry.worker.train} knows no model. {@link
 * io.gantry.worker.model.ModelCatalog} says what each kind accepts and reports, and {@link
 * io.gantry.worker.model.Hyperparams} resolves a trial's parameters against it.
 */
package io.gantry.worker.model;
