/**
 * The sweep file: its model ({@link io.gantry.orchestrator.sweep.SweepSpec} and {@link
 * io.gantry.orchestrator.sweep.ParameterSpec}), the parser that reads and checks it against the
 * worker's {@link io.gantry.worker.model.ModelCatalog} ({@link
 * io.gantry.orchestrator.sweep.SweepSpecParser}), and the search strategies that turn it into trial
 * parameters ({@link io.gantry.orchestrator.sweep.SearchStrategy}, {@link
 * io.gantry.orchestrator.sweep.SearchStrategies}).
 *
 * <p>A sweep file is W&amp;B-sweep-like YAML:
 *
 * <pre>{@code
 * name: vae-latent-dim
 * model: vae
 * dataset: fashion-mnist
 * method: random
 * metric: {name: val/elbo, goal: maximize}
 * budget: {epochs: 10}
 * parameters:
 *   latent_dim: {values: [2, 8, 16, 32]}
 *   lr: {distribution: log_uniform, min: 1.0e-4, max: 1.0e-2}
 *   batch_size: {value: 128}
 * max_trials: 24
 * seed: 42
 * }</pre>
 *
 * <p>Every problem found in a file is reported at once, each with file, line, column and dotted
 * key, so a user fixes a file in one round instead of one error per run.
 */
package io.gantry.orchestrator.sweep;
