/**
 * Model recipes: one {@link io.gantry.worker.model.ModelRecipe} per model kind (autoencoder and
 * denoising autoencoder, VAE, MLP GAN, DCGAN, conditional GAN, progressive GAN) builds its DJL
 * networks, runs one training step on a batch, evaluates on held-out data and draws samples and
 * pictures, so that the trial loop in {@code io.gantry.worker.train} knows no model. Each trainable
 * {@link io.gantry.worker.model.Network} has its own Adam whose state can be saved, which with the
 * recipe's {@link io.gantry.worker.model.ModelRecipe#state} makes checkpoints resume exactly.
 * {@link io.gantry.worker.model.ModelCatalog} says what each kind accepts and reports, and {@link
 * io.gantry.worker.model.Hyperparams} resolves a trial's parameters against it.
 */
package io.gantry.worker.model;
