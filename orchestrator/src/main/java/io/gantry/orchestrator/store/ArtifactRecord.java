package io.gantry.orchestrator.store;

/** A file a trial wrote: a sample grid, a checkpoint, ... */
public record ArtifactRecord(String kind, int epoch, long step, String path) {}
