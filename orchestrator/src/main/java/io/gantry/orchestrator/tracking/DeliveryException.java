package io.gantry.orchestrator.tracking;

/**
 * MLflow did not take an operation. {@code permanent} when it refused it (a bad request, a run
 * that is gone): trying again would fail again. Otherwise it was away or failed, and a later try
 * may succeed.
 */
final class DeliveryException extends Exception {

  private final boolean permanent;

  DeliveryException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  static DeliveryException refused(String message) {
    return new DeliveryException(message, true, null);
  }

  /** Whether an HTTP status means the request itself is wrong, not the server's state. */
  static boolean isPermanent(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  boolean permanent() {
    return permanent;
  }
}
