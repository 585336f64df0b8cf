/**
 * Search strategies, which propose the parameters of a sweep's trials behind one ask / tell
 * interface ({@link io.gantry.orchestrator.search.SearchStrategy}), as Optuna's samplers do: grid,
 * random, and the Tree-structured Parzen Estimator ({@link
 * io.gantry.orchestrator.search.TpeSearch}) with its Parzen estimators. {@link
 * io.gantry.orchestrator.search.SearchStrategies} picks the one a sweep file names.
 */
package io.gantry.orchestrator.search;
