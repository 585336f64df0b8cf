/**
 * The read model of a sweep, computed from the store's records in one place for {@code gantry
 * show}, {@code gantry list} and the HTTP API: each trial's objective, the ranking and best trial,
 * and how many trials the sweep plans.
 */
package io.gantry.orchestrator.view;
