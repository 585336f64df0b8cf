/**
 * IDX files, the MNIST format of image and label sets: read by the workers to train on, and by the
 * coordinator's side to check a sweep file's {@code exclude_classes} against a set's labels.
 */
package io.gantry.protocol.idx;
