/**
 * Model recipes: one {@link io.gantry.worker.model.ModelRecipe} per model kind (autoencoder and
 * denoising autoencoder, VAE, MLP GAN, DCGAN, conditional GAN, progressive GAN) builds its DJL
 * networks, runs one training step on a batch, evaluates on held-out data and draws samples and
 * pictures, so that the trial loop in {@code io.gantry.worker.train} knows no model. Each trainable
 * {@link io.gantry.worker.model.Network} has its own Adam whose state can be saved, which with the
 * recipe's {@link io.gantry.worker.model.ModelRecipe#state} makes checkpoints resume exactly.
 * The recipes read their parameters through {@link io.gantry.protocol.catalog.Hyperparams}, from
 * the catalog the coordinator checks sweeps against.
 */
package io.gantry.worker.model;
