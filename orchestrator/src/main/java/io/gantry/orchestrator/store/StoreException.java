package io.gantry.orchestrator.store;

/** A store operation failed; the cause says why. Nothing of that operation was written. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
