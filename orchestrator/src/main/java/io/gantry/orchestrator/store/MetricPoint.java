package io.gantry.orchestrator.store;

/** One value of one metric of a trial, at a step. */
public record MetricPoint(String name, long step, int epoch, double value, long timestampMillis) {}
