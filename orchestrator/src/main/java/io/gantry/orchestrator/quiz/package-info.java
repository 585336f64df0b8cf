/**
 * The "which one is real?" quiz: pairs of a real test image and one a trial's checkpoint generated,
 * drawn by a worker, kept in the store until answered, and each trial's {@code human/fooling_rate}.
 */
package io.gantry.orchestrator.quiz;
