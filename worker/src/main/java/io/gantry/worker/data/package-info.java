/**
 * Datasets a trial trains on: IDX files (MNIST format, gzip or plain) such as Fashion-MNIST,
 * and the generated toy 2-D Gaussian of d2l's GAN chapter. Everything is turned into rows of
 * float features held on the Java heap; {@link io.gantry.worker.data.Datasets#load} is the entry
 * point. Labels are not read: no model in this package list is conditional yet.
 */
package io.gantry.worker.data;
