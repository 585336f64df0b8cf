/**
 * Datasets a trial trains on: IDX files (MNIST format, gzip or plain) such as Fashion-MNIST, with
 * their class labels where the set has label files, the generated toy 2-D Gaussian of d2l's GAN
 * chapter, and a generated 1-D Gaussian mixture. Everything is turned into rows of float features held on the Java heap; {@link
 * io.gantry.worker.data.Datasets#load} is the entry point and {@link io.gantry.worker.data.Batch}
 * what a training step receives.
 */
package io.gantry.worker.data;
