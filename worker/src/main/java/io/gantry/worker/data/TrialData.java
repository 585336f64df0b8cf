package io.gantry.worker.data;

import java.util.Optional;

/**
 * The data of one trial: the training examples, the held-out ones, and for generated data the true
 * moments of the distribution they come from.
 */
public record TrialData(Examples train, Examples test, Optional<Moments> truth) {}
