/**
 * Benchmarks of Gantry, each a {@code main} run by a script in {@code bench/} and printing its
 * figures; not tests. {@link io.gantry.bench.SleepTrialRunner} stands in for training where only
 * orchestration is measured.
 */
package io.gantry.bench;
