/**
 * The sweep file: its model ({@link io.gantry.orchestrator.sweep.SweepSpec}, {@link
 * io.gantry.orchestrator.sweep.ParameterSpec}, {@link io.gantry.orchestrator.sweep.EarlyTerminate},
 * {@link io.gantry.orchestrator.sweep.Resources}, {@link io.gantry.orchestrator.sweep.Scheduling})
 * and the parser that reads and checks it against the worker's {@link io.gantry.protocol.catalog.ModelCatalog} ({@link
 * io.gantry.orchestrator.sweep.SweepSpecParser}). The search strategies and trial schedulers that
 * act on it live in {@code search} and {@code schedule}.
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
 * early_terminate: {type: asha, min_epochs: 1, reduction_factor: 3}
 * max_trials: 24
 * seed: 42
 * }</pre>
 *
 * <p>Every problem found in a file is reported at once, each with file, line, column and dotted
 * key, so a user fixes a file in one round instead of one error per run.
 */
package io.gantry.orchestrator.sweep;
