package io.gantry.orchestrator.store;

/**
 * A row of the tracking outbox: an operation ({@code op}, its JSON in {@code payload}) on the run
 * {@code runKey} of the tracking server {@code server}, still to deliver. The store writes rows in
 * the transaction of the event they come from, so that an event is never recorded without them.
 */
public record OutboxRow(String server, String runKey, String op, String payload) {}
