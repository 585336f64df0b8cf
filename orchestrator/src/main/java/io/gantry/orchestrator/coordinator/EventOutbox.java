package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.store.OutboxRow;
import java.util.List;

/**
 * What an event sends beyond the store, as outbox rows that the {@link SweepJournal} writes in the
 * event's own transaction: a crash can lose neither without the other. Called on the
 * coordinator's thread, event by event in order, so an implementation may keep what it learns.
 */
public interface EventOutbox {

  /** Nothing goes anywhere but the store. */
  EventOutbox NONE = event -> List.of();

  List<OutboxRow> rowsFor(SweepEvent event);
}
